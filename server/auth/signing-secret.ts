// Without JWT_SECRET or a key pair, our tokens are signed with a random secret made for this data
// folder on first start and kept beside the embedded database, readable by its owner only: no two
// installations share a secret, and none is written in the source, where anyone could read it and
// mint an administrator's token. Cluster workers are handed the main process's secret (workers.ts).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';

const MIN_LENGTH = 32;

/** The data folder is the parent of EMBEDDED_PG_DIR (`.data/` by default, git-ignored). */
export const signingSecretFile = (config: Config) => path.join(path.dirname(path.resolve(config.embeddedPg.dir)), 'jwt-secret');

/** The config with a signing secret: the one configured, or the data folder's (made on first use). */
export function withSigningSecret(config: Config): Config {
  if (config.jwt.secret || config.jwt.privateKey) return config;
  const secret = readOrCreateSecret(signingSecretFile(config));
  return Object.freeze({ ...config, jwt: Object.freeze({ ...config.jwt, secret }) });
}

function readOrCreateSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx' creates the file only if it is not there: two processes starting at once keep one secret.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A copy or a restore may have loosened the permissions; the secret is as good as an admin's password.
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH)
    throw new ConfigError(
      `${file} holds no usable JWT secret (${MIN_LENGTH}+ characters): delete it to have a new one made, or set JWT_SECRET`,
    );
  return secret;
}
