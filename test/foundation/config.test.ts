import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/config.js';

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
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'dev-only-secret-change-me-dev-only-secret' })).to.throw(ConfigError, /development secret/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-production-secret-of-enough-length' });
    expect(config.seedDemo).to.equal(false);
  });

  it('when production is asked to seed demo data, then it refuses', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-production-secret-of-enough-length', SEED_DEMO: 'true' })).to.throw(ConfigError, /SEED_DEMO/);
  });

  it('when an identity provider is half configured, then it names what is missing', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example/' })).to.throw(ConfigError, /OIDC_ISSUER: needs OIDC_JWKS_URL/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example/', OIDC_JWKS_URL: 'https://idp.example/jwks' })).to.throw(ConfigError, /OIDC_AUDIENCE/);
  });
});
