// Token settings that contradict each other stop the service at start, naming the key to fix.
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration: token settings that contradict each other', () => {
  it('when the longest token lifetime is shorter than the token time to live, then start-up fails naming JWT_MAX_LIFETIME_SECONDS', () => {
    expect(() => loadConfig({ JWT_TTL_SECONDS: '900', JWT_MAX_LIFETIME_SECONDS: '600' })).to.throw(
      ConfigError,
      /JWT_MAX_LIFETIME_SECONDS: must be at least JWT_TTL_SECONDS/,
    );
    expect(loadConfig({ JWT_TTL_SECONDS: '600', JWT_MAX_LIFETIME_SECONDS: '600' }).jwt).to.include({
      ttlSeconds: 600,
      maxLifetimeSeconds: 600,
    });
  });

  it('when no longest lifetime is set, then it is the time to live', () => {
    expect(loadConfig({ JWT_TTL_SECONDS: '1200' }).jwt.maxLifetimeSeconds).to.equal(1200);
  });

  it('when only one half of the key pair is set, then start-up fails naming JWT_PUBLIC_KEY', () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => loadConfig({ JWT_PRIVATE_KEY: privateKey })).to.throw(
      ConfigError,
      /JWT_PUBLIC_KEY: JWT_PRIVATE_KEY and JWT_PUBLIC_KEY go together/,
    );
    expect(() => loadConfig({ JWT_PUBLIC_KEY: publicKey })).to.throw(
      ConfigError,
      /JWT_PUBLIC_KEY: JWT_PRIVATE_KEY and JWT_PUBLIC_KEY go together/,
    );
  });
});
