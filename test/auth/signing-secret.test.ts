// Without JWT_SECRET the service signs with a secret of its own data folder, never one written
// in the source: a token signed with the secret this project once shipped is refused.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../server/app.js';
import { systemClock } from '../../server/app-context.js';
import { signingSecretFile, withSigningSecret } from '../../server/auth/signing-secret.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createActor } from '../support/actors.js';
import { harness } from '../support/harness.js';

const OLD_SOURCE_SECRET = 'dev-only-secret-change-me-dev-only-secret';

describe('the signing secret of a data folder', () => {
  let dataDir: string;
  /** The development defaults, with the embedded database's folder in a temp folder. */
  const defaultConfig = (): Config =>
    loadConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL, EMBEDDED_PG_DIR: path.join(dataDir, 'postgres'), LOG_LEVEL: 'silent' });

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'learning-accounts-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when nothing is configured, then a random secret is made beside the database, owner-only, and kept across restarts', () => {
    expect(defaultConfig().jwt.secret).to.equal(undefined);
    const first = withSigningSecret(defaultConfig());
    const file = signingSecretFile(first);
    expect(path.dirname(file)).to.equal(dataDir);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(first.jwt.secret).to.have.length.of.at.least(32);
    expect(first.jwt.secret).to.not.equal(OLD_SOURCE_SECRET);
    expect(withSigningSecret(defaultConfig()).jwt.secret).to.equal(first.jwt.secret);
    expect(Object.isFrozen(first.jwt)).to.equal(true);
  });

  it('when another data folder starts, then it gets its own secret; a configured secret is used as given', () => {
    const ours = withSigningSecret(defaultConfig()).jwt.secret;
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'learning-accounts-secret-'));
    try {
      const theirs = withSigningSecret(loadConfig({ EMBEDDED_PG_DIR: path.join(elsewhere, 'postgres') })).jwt.secret;
      expect(theirs).to.not.equal(ours);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    const configured = 'a-configured-secret-of-enough-length-0123';
    expect(withSigningSecret(loadConfig({ JWT_SECRET: configured, EMBEDDED_PG_DIR: path.join(dataDir, 'x', 'pg') })).jwt.secret).to.equal(
      configured,
    );
  });

  it('when the secret file is empty or too short, then start-up stops naming the file', () => {
    const file = signingSecretFile(defaultConfig());
    writeFileSync(file, 'short\n', { mode: 0o644 });
    expect(() => withSigningSecret(defaultConfig())).to.throw(/jwt-secret holds no usable JWT secret/);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(readFileSync(file, 'utf8')).to.equal('short\n');
  });

  it('when a token is signed with the secret once written in the source, then a service on the default config refuses it', async () => {
    const config = withSigningSecret(defaultConfig());
    const http = supertest(createApp({ sequelize: harness().sequelize, config, clock: systemClock, logger: pino({ level: 'silent' }) }));
    const admin = await createActor(harness(), 'admin');
    const forged = jwt.sign({ role: 'admin', ver: 0 }, OLD_SOURCE_SECRET, {
      subject: admin.principal.userId,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      expiresIn: 300,
    });
    const res = await http.get('/v1/audit').set('Authorization', `Bearer ${forged}`).expect(401);
    expect(res.body.code).to.equal('unauthenticated');
    const real = jwt.sign({ role: 'admin', ver: 0 }, config.jwt.secret!, {
      subject: admin.principal.userId,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      expiresIn: 300,
    });
    await http.get('/v1/audit').set('Authorization', `Bearer ${real}`).expect(200);
  });
});
