import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '../../server/config.js';

const pemPair = (type: 'rsa' | 'ec', bits = 2048) => {
  const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

/** What production needs besides its signing secret or keys. */
const PRODUCTION = { NODE_ENV: 'production', HOST: '0.0.0.0', AUDIT_FINGERPRINT_KEY: 'a-real-audit-fingerprint-key-of-enough-length' };

describe('configuration', () => {
  it('when nothing is set, then development defaults apply and demo data is seeded', () => {
    const config = loadConfig({});
    expect(config).to.include({ env: 'development', port: 3000, seedDemo: true, demoPassword: 'demo-password' });
    expect(config.databaseUrl).to.equal(undefined);
    expect(Object.isFrozen(config) && Object.isFrozen(config.jwt)).to.equal(true);
  });

  it('when a value is invalid, then start-up fails with a message naming the key', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(ConfigError, /DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).to.throw(ConfigError, /JWT_SECRET/);
  });

  it('when in production without a real JWT secret or key, then it refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /JWT_SECRET/);
    const config = loadConfig({ ...PRODUCTION, JWT_SECRET: 'a-real-production-secret-of-enough-length' });
    expect(config.seedDemo).to.equal(false);
  });

  it('when production is asked to seed demo data, then it refuses', () => {
    expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: 'a-real-production-secret-of-enough-length', SEED_DEMO: 'true' })).to.throw(
      ConfigError,
      /SEED_DEMO/,
    );
  });

  it('when HOST is not set, then the service listens on loopback only, and production refuses to guess', () => {
    expect(loadConfig({}).host).to.equal('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).to.equal('0.0.0.0');
    const { HOST: _host, ...withoutHost } = PRODUCTION;
    expect(() => loadConfig({ ...withoutHost, JWT_SECRET: 'a-real-production-secret-of-enough-length' })).to.throw(
      ConfigError,
      /HOST: production needs/,
    );
  });

  it('when production has no audit fingerprint key of its own, then it refuses to start', () => {
    const env = { ...PRODUCTION, JWT_SECRET: 'a-real-production-secret-of-enough-length' };
    expect(() => loadConfig({ ...env, AUDIT_FINGERPRINT_KEY: '' })).to.throw(ConfigError, /AUDIT_FINGERPRINT_KEY/);
    expect(() => loadConfig({ ...env, AUDIT_FINGERPRINT_KEY: 'dev-only-audit-fingerprint-key-change-me' })).to.throw(
      ConfigError,
      /AUDIT_FINGERPRINT_KEY: production needs its own/,
    );
  });

  it('when an identity provider is half configured, then it names what is missing', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example/' })).to.throw(ConfigError, /OIDC_ISSUER: needs OIDC_JWKS_URL/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example/', OIDC_JWKS_URL: 'https://idp.example/jwks' })).to.throw(
      ConfigError,
      /OIDC_AUDIENCE/,
    );
  });

  describe('PEM keys', () => {
    const ours = pemPair('rsa');
    const other = pemPair('rsa');
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      return 'accepted';
    };

    it('when the key pair is sound, then it loads, also written on one line with \\n', () => {
      const config = loadConfig({ JWT_PRIVATE_KEY: ours.privateKey.replace(/\n/g, '\\n'), JWT_PUBLIC_KEY: ours.publicKey });
      expect(config.jwt.privateKey).to.equal(ours.privateKey);
      expect(config.jwt.secret).to.equal(undefined);
    });

    it('when a key setting is not a PEM key, then start-up fails naming that key', () => {
      const truncated = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----';
      expect(refusal({ JWT_PRIVATE_KEY: 'not a key', JWT_PUBLIC_KEY: ours.publicKey })).to.match(
        /JWT_PRIVATE_KEY: is not a PEM private key/,
      );
      expect(refusal({ JWT_PRIVATE_KEY: ours.privateKey, JWT_PUBLIC_KEY: truncated })).to.match(/JWT_PUBLIC_KEY: is not a PEM public key/);
      expect(refusal({ OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'api', OIDC_PUBLIC_KEY: truncated })).to.match(
        /OIDC_PUBLIC_KEY: is not a PEM public key/,
      );
    });

    it('when a public key setting holds a private key, then start-up fails rather than accept a secret as public', () => {
      expect(refusal({ JWT_PRIVATE_KEY: ours.privateKey, JWT_PUBLIC_KEY: ours.privateKey })).to.match(/JWT_PUBLIC_KEY: is a private key/);
      expect(refusal({ OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'api', OIDC_PUBLIC_KEY: other.privateKey })).to.match(
        /OIDC_PUBLIC_KEY: is a private key/,
      );
    });

    it('when the public key is not the half of the private key, then start-up fails naming JWT_PUBLIC_KEY', () => {
      expect(refusal({ JWT_PRIVATE_KEY: ours.privateKey, JWT_PUBLIC_KEY: other.publicKey })).to.match(
        /JWT_PUBLIC_KEY: is not the public half of JWT_PRIVATE_KEY/,
      );
    });

    it('when the signing key cannot sign RS256 (not RSA, or under 2048 bits), then start-up fails naming JWT_PRIVATE_KEY', () => {
      for (const pair of [pemPair('ec'), pemPair('rsa', 1024)]) {
        expect(refusal({ JWT_PRIVATE_KEY: pair.privateKey, JWT_PUBLIC_KEY: pair.publicKey })).to.match(
          /JWT_PRIVATE_KEY: must be an RSA key of at least 2048 bits/,
        );
      }
    });

    it('when an identity provider key is an EC key, then it is accepted (providers may sign ES256)', () => {
      const config = loadConfig({ OIDC_ISSUER: 'https://idp.example/', OIDC_AUDIENCE: 'api', OIDC_PUBLIC_KEY: pemPair('ec').publicKey });
      expect(config.oidc?.publicKey).to.include('BEGIN PUBLIC KEY');
    });
  });
});
