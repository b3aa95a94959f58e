// The one place that reads process.env. Every key is validated at start; a bad value stops the
// service with a message naming the key, and the result is frozen so nothing changes it later.
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { z } from 'zod';

const DEV_JWT_SECRET = 'dev-only-secret-change-me-dev-only-secret';

/** PEM keys in .env files are often written on one line with literal `\n`. */
const pemFromEnv = (value: string | undefined) => value?.replace(/\\n/g, '\n');

/** A PEM setting as a key, or what is wrong with it. A public setting must not hold a private key. */
function readKey(kind: 'private' | 'public', value: string): KeyObject | string {
  const text = pemFromEnv(value) ?? '';
  const parsed = (parse: (pem: string) => KeyObject) => {
    try {
      return parse(text);
    } catch {
      return undefined;
    }
  };
  // createPublicKey also takes a private key (it derives the public half): one pasted here by
  // mistake would work, and sit in a setting that is treated as public.
  if (kind === 'public' && parsed(createPrivateKey)) return 'is a private key; give only the public key';
  return parsed(kind === 'private' ? createPrivateKey : createPublicKey) ?? `is not a PEM ${kind} key`;
}

/**
 * The key settings are parsed at start, so a bad key stops the service here rather than failing
 * the first login or token check. Our tokens are RS256, which needs an RSA key of 2048 bits or more.
 */
function keyIssues(env: { JWT_PRIVATE_KEY?: string | undefined; JWT_PUBLIC_KEY?: string | undefined; OIDC_PUBLIC_KEY?: string | undefined }) {
  const issues: { path: string; message: string }[] = [];
  const read = (path: keyof typeof env, kind: 'private' | 'public') => {
    const value = env[path];
    const key = value ? readKey(kind, value) : undefined;
    if (typeof key === 'string') issues.push({ path, message: key });
    return key instanceof KeyObject ? key : undefined;
  };
  const privateKey = read('JWT_PRIVATE_KEY', 'private');
  const publicKey = read('JWT_PUBLIC_KEY', 'public');
  read('OIDC_PUBLIC_KEY', 'public');
  if (privateKey && (privateKey.asymmetricKeyType !== 'rsa' || (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)) {
    issues.push({ path: 'JWT_PRIVATE_KEY', message: 'must be an RSA key of at least 2048 bits (tokens are signed RS256)' });
  }
  if (privateKey && publicKey && !createPublicKey(privateKey).equals(publicKey)) {
    issues.push({ path: 'JWT_PUBLIC_KEY', message: 'is not the public half of JWT_PRIVATE_KEY' });
  }
  return issues;
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((value) => value === 'true' || value === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
    WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_PRIVATE_KEY: z.string().optional(),
    JWT_PUBLIC_KEY: z.string().optional(),
    JWT_ISSUER: z.string().min(1).default('learning-accounts'),
    JWT_AUDIENCE: z.string().min(1).default('learning-accounts-api'),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(900),
    OIDC_ISSUER: z.string().min(1).optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: z.url().optional(),
    OIDC_PUBLIC_KEY: z.string().optional(),
    DEMO_PASSWORD: z.string().min(8).default('demo-password'),
    SEED_DEMO: booleanFlag.optional(),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
    PAYMENT_WEBHOOK_SECRET: z.string().min(16).optional(),
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (production && !env.JWT_SECRET && !env.JWT_PRIVATE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production needs JWT_SECRET or JWT_PRIVATE_KEY' });
    }
    if (production && env.JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'the development secret is refused in production' });
    }
    if (Boolean(env.JWT_PRIVATE_KEY) !== Boolean(env.JWT_PUBLIC_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['JWT_PUBLIC_KEY'], message: 'JWT_PRIVATE_KEY and JWT_PUBLIC_KEY go together' });
    }
    for (const issue of keyIssues(env)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    if (env.OIDC_ISSUER && !env.OIDC_JWKS_URL && !env.OIDC_PUBLIC_KEY) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'needs OIDC_JWKS_URL or OIDC_PUBLIC_KEY' });
    }
    if (env.OIDC_ISSUER && !env.OIDC_AUDIENCE) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'required when OIDC_ISSUER is set' });
    }
    if (production && env.SEED_DEMO) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo data is never seeded in production' });
    }
  });

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string | undefined;
  embeddedPg: { dir: string; port: number };
  dbPoolMax: number;
  /** HTTP processes sharing the port (node:cluster); 1 serves from the main process itself. */
  workers: number;
  jwt: {
    secret: string | undefined;
    privateKey: string | undefined;
    publicKey: string | undefined;
    issuer: string;
    audience: string;
    ttlSeconds: number;
  };
  oidc: { issuer: string; audience: string; jwksUrl: string | undefined; publicKey: string | undefined } | undefined;
  demoPassword: string;
  seedDemo: boolean;
  login: { maxFailures: number; lockSeconds: number };
  paymentWebhookSecret: string | undefined;
  schedulerIntervalSeconds: number;
  logLevel: string;
}>;

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const usesKeys = Boolean(env.JWT_PRIVATE_KEY);
  const config: Config = {
    env: env.NODE_ENV,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    embeddedPg: { dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT },
    dbPoolMax: env.DB_POOL_MAX,
    workers: env.WORKERS,
    jwt: {
      secret: usesKeys ? undefined : (env.JWT_SECRET ?? DEV_JWT_SECRET),
      privateKey: pemFromEnv(env.JWT_PRIVATE_KEY),
      publicKey: pemFromEnv(env.JWT_PUBLIC_KEY),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.JWT_TTL_SECONDS,
    },
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          audience: env.OIDC_AUDIENCE ?? '',
          jwksUrl: env.OIDC_JWKS_URL,
          publicKey: pemFromEnv(env.OIDC_PUBLIC_KEY),
        }
      : undefined,
    demoPassword: env.DEMO_PASSWORD,
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV === 'development',
    login: { maxFailures: env.LOGIN_MAX_FAILURES, lockSeconds: env.LOGIN_LOCK_SECONDS },
    paymentWebhookSecret: env.PAYMENT_WEBHOOK_SECRET,
    schedulerIntervalSeconds: env.SCHEDULER_INTERVAL_SECONDS,
    logLevel: env.LOG_LEVEL,
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
