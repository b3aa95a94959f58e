// The one place that reads process.env. Every key is validated at start; a bad value stops the
// service with a message naming the key, and the result is frozen so nothing changes it later.
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { z } from 'zod';

// Only for development and test: production refuses to start without its own key.
const DEV_AUDIT_FINGERPRINT_KEY = 'dev-only-audit-fingerprint-key-change-me';

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
function keyIssues(env: {
  JWT_PRIVATE_KEY?: string | undefined;
  JWT_PUBLIC_KEY?: string | undefined;
  OIDC_PUBLIC_KEY?: string | undefined;
  OIDC_CLIENT_PRIVATE_KEY?: string | undefined;
}) {
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
  const clientKey = read('OIDC_CLIENT_PRIVATE_KEY', 'private');
  if (clientKey && clientKey.asymmetricKeyType !== 'rsa' && clientKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    issues.push({ path: 'OIDC_CLIENT_PRIVATE_KEY', message: 'must be an RSA key (RS256) or an EC P-256 key (ES256)' });
  }
  if (privateKey && (privateKey.asymmetricKeyType !== 'rsa' || (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)) {
    issues.push({ path: 'JWT_PRIVATE_KEY', message: 'must be an RSA key of at least 2048 bits (tokens are signed RS256)' });
  }
  if (privateKey && publicKey && !createPublicKey(privateKey).equals(publicKey)) {
    issues.push({ path: 'JWT_PUBLIC_KEY', message: 'is not the public half of JWT_PRIVATE_KEY' });
  }
  return issues;
}

/** Where the identity provider sends the citizen back to the portal (OIDC_REDIRECT_URL must name it). */
export const OIDC_CALLBACK_PATH = '/login/oidc/callback';

type PortalSignInEnv = {
  OIDC_ISSUER?: string | undefined;
  OIDC_CLIENT_ID?: string | undefined;
  OIDC_CLIENT_SECRET?: string | undefined;
  OIDC_CLIENT_PRIVATE_KEY?: string | undefined;
  OIDC_REDIRECT_URL?: string | undefined;
};

/** The portal's sign-in through the provider needs the provider, where to come back, and one way to prove the client. */
function portalSignInIssues(env: PortalSignInEnv, production: boolean) {
  const issues: { path: string; message: string }[] = [];
  if (!env.OIDC_CLIENT_ID) return issues;
  if (!env.OIDC_ISSUER || !URL.canParse(env.OIDC_ISSUER)) {
    issues.push({
      path: 'OIDC_ISSUER',
      message: "must be the provider's URL when OIDC_CLIENT_ID is set (its discovery document is read from there)",
    });
  }
  if (!env.OIDC_REDIRECT_URL) issues.push({ path: 'OIDC_REDIRECT_URL', message: 'required when OIDC_CLIENT_ID is set' });
  if (Boolean(env.OIDC_CLIENT_SECRET) === Boolean(env.OIDC_CLIENT_PRIVATE_KEY)) {
    issues.push({ path: 'OIDC_CLIENT_SECRET', message: 'give exactly one of OIDC_CLIENT_SECRET and OIDC_CLIENT_PRIVATE_KEY' });
  }
  // Codes, tokens and the session's cookie cross these addresses: only tests and development may use plain http.
  for (const path of ['OIDC_ISSUER', 'OIDC_REDIRECT_URL'] as const) {
    if (production && env[path]?.startsWith('http:')) issues.push({ path, message: 'production needs https' });
  }
  return issues;
}

const booleanFlag = z.enum(['true', 'false', '1', '0', '']).transform((value) => value === 'true' || value === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_DOWN_EXIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
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
    JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(86400).optional(),
    AUTH_USER_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    OIDC_ISSUER: z.string().min(1).optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: z.url().optional(),
    OIDC_PUBLIC_KEY: z.string().optional(),
    OIDC_STAFF_SIGN_IN: booleanFlag.default(false),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    OIDC_CLIENT_PRIVATE_KEY: z.string().optional(),
    OIDC_CLIENT_KEY_ID: z.string().min(1).optional(),
    OIDC_REDIRECT_URL: z
      .url({ protocol: /^https?$/ })
      // zod runs this even when the URL check above failed.
      .refine(
        (url) => URL.canParse(url) && new URL(url).pathname === OIDC_CALLBACK_PATH,
        `must end in ${OIDC_CALLBACK_PATH} (the portal's callback page)`,
      )
      .optional(),
    OIDC_PROVIDER_NAME: z.string().min(1).max(60).optional(),
    OIDC_SCOPES: z
      .string()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be scopes separated by single spaces')
      .refine((scopes) => scopes.split(' ').includes('openid'), 'must include openid')
      .default('openid'),
    DEMO_PASSWORD: z.string().min(8).default('demo-password'),
    SEED_DEMO: booleanFlag.optional(),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
    LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100000).default(30),
    LOGIN_CONCURRENT_CHECKS: z.coerce.number().int().min(1).max(64).default(2),
    LOGIN_QUEUED_CHECKS: z.coerce.number().int().min(0).max(10000).default(100),
    CHEQUE_REGISTRATION_MAX_TRIES: z.coerce.number().int().min(1).max(100).default(5),
    CHEQUE_REGISTRATION_LOCK_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(86400),
    CENTRE_REGISTRATION_TRIES_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(60),
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    AUDIT_FINGERPRINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    PAYMENT_WEBHOOK_SECRET: z.string().min(16).optional(),
    // The provider's hosted payment page; {code}, {amount} and {currency} are filled in for the cheque.
    PAYMENT_PAGE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://pay.example/checkout?ref={code}&amount={amount}' })
      .optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    // An address, optionally after a display name; never a line break (it goes into a header).
    MAIL_FROM: z
      .string()
      .regex(/^(?:[^<>\r\n]+ )?<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address such as "Learning Accounts <no-reply@example.org>"')
      .optional(),
    BUDGET_FUNDING_APPROVAL_THRESHOLD: z
      .string()
      .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be an amount such as "10000.00" (0: every funding needs approval)')
      .default('10000.00'),
    SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
    IDEMPOTENCY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    JOB_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // A citizen looks back over more than a year of sign-ins to notice one that was not theirs.
    SIGN_IN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORTAL_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    PORTAL_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(168).default(12),
    PORTAL_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ASSISTED_SESSION_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
    CONTEST_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    SIGNAL_DETECT_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
    SIGNAL_COUNSELLOR_MAX_HOURS_PER_DAY: z.coerce.number().min(1).max(24).default(8),
    SIGNAL_DORMANT_DAYS: z.coerce.number().int().min(7).max(3650).default(60),
    SIGNAL_VOLUME_FACTOR: z.coerce.number().min(1.5).max(100).default(3),
    SIGNAL_VOLUME_MIN_HOURS: z.coerce.number().min(0).max(100000).default(20),
    SIGNAL_WRONG_TRIES_PER_HOUR: z.coerce.number().int().min(2).max(100000).default(20),
    SIGNAL_COURSE_FACTOR: z.coerce.number().min(1.5).max(100).default(5),
    SIGNAL_COURSE_MIN_CLAIMS: z.coerce.number().int().min(1).max(100000).default(10),
    SIGNAL_EVIDENCE_MIN_CITIZENS: z.coerce.number().int().min(2).max(1000).default(2),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (production && !env.JWT_SECRET && !env.JWT_PRIVATE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'production needs JWT_SECRET or JWT_PRIVATE_KEY' });
    }
    if (env.JWT_MAX_LIFETIME_SECONDS !== undefined && env.JWT_MAX_LIFETIME_SECONDS < env.JWT_TTL_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_MAX_LIFETIME_SECONDS'],
        message: 'must be at least JWT_TTL_SECONDS, or our own tokens are refused',
      });
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
    for (const issue of portalSignInIssues(env, production)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    if (production && !env.HOST) {
      ctx.addIssue({ code: 'custom', path: ['HOST'], message: 'production needs the address to listen on (0.0.0.0 for every interface)' });
    }
    if (production && (!env.AUDIT_FINGERPRINT_KEY || env.AUDIT_FINGERPRINT_KEY === DEV_AUDIT_FINGERPRINT_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_FINGERPRINT_KEY'],
        message: 'production needs its own secret key (the development key is refused)',
      });
    }
    if (env.PORTAL_SESSION_IDLE_MINUTES > env.PORTAL_SESSION_ABSOLUTE_HOURS * 60) {
      ctx.addIssue({
        code: 'custom',
        path: ['PORTAL_SESSION_IDLE_MINUTES'],
        message: 'must not be longer than PORTAL_SESSION_ABSOLUTE_HOURS',
      });
    }
    if (production && env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'production needs the address its e-mails come from' });
    }
    if (production && env.SEED_DEMO) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo data is never seeded in production' });
    }
  });

export type Config = Readonly<{
  env: 'development' | 'test' | 'production';
  port: number;
  /** The interface to listen on: loopback unless set (production must set it). */
  host: string;
  databaseUrl: string | undefined;
  /** The role that owns the schema (migrations, seeds, grants); DATABASE_URL's role only serves. */
  databaseOwnerUrl: string | undefined;
  /** How long the database may stay unreachable before the service exits 1 for its supervisor. */
  databaseDownExitSeconds: number;
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
    /** Tokens without `exp` and `iat`, or valid for longer than this, are refused. */
    maxLifetimeSeconds: number;
  };
  /** How long a process trusts its copy of a token's user (role, centre, disabled) before reading it again. */
  auth: { userCacheSeconds: number };
  oidc:
    | {
        issuer: string;
        audience: string;
        jwksUrl: string | undefined;
        publicKey: string | undefined;
        /** Centre staff, administrators and auditors may sign in with the provider too (citizens always may). */
        staffSignIn: boolean;
        /** The portal's "Sign in with ..." (authorization-code flow with PKCE), when a client is registered at the provider. */
        portal:
          | {
              clientId: string;
              /** One of the two: client_secret_basic, or private_key_jwt signed with this PEM key (and key id). */
              clientSecret: string | undefined;
              clientPrivateKey: string | undefined;
              clientKeyId: string | undefined;
              redirectUrl: string;
              providerName: string;
              scopes: string;
            }
          | undefined;
      }
    | undefined;
  demoPassword: string;
  seedDemo: boolean;
  login: { maxFailures: number; addressMaxFailures: number; lockSeconds: number; concurrentChecks: number; queuedChecks: number };
  /** Registration tries (a client number is compared) per cheque code before it locks for `lockSeconds`, and per centre per clock hour. */
  chequeRegistration: { perCheque: number; lockSeconds: number; perCentrePerHour: number };
  /** Bearer token that /metrics requires; without it /metrics is open in development and test, 404 in production. */
  metricsToken: string | undefined;
  /** HMAC key of the fingerprints that stand for personal data in the audit log. */
  auditFingerprintKey: string;
  paymentWebhookSecret: string | undefined;
  /** The payment provider's page a citizen pays a co-payment on ({code}, {amount}, {currency} filled in); unset: none (development has a stand-in). */
  paymentPageUrl: string | undefined;
  /** Notification e-mails: over SMTP when `smtpUrl` is set, else logged (development, test) or kept queued (production). */
  mail: { smtpUrl: string | undefined; from: string };
  /** Budget fundings above this many units of the programme's currency wait for a second administrator (a decimal string). */
  budgetFundingApprovalThreshold: string;
  schedulerIntervalSeconds: number;
  /** Days an idempotency key (and its stored answer), a job_runs row and a sign-in are kept before the purge job deletes them. */
  retention: { idempotencyDays: number; jobRunDays: number; signInDays: number };
  logLevel: string;
  /**
   * Portal sessions: signed out after `idleSeconds` without a request and `absoluteSeconds` after
   * sign-in; the cookie is signed with `sessionSecret` (derived from the token signing key when unset).
   */
  portal: { idleSeconds: number; absoluteSeconds: number; sessionSecret: string | undefined; assistedSeconds: number };
  /** Days after a refusal's date during which its citizen may contest it (the last day included). */
  contestWindowDays: number;
  /** Thresholds of the signals that open a case for an administrator (server/signals, README: signals). */
  signals: SignalThresholds;
}>;

export type SignalThresholds = {
  /** The scheduled detection runs at most this often (on demand from the page it always runs). */
  detectIntervalMinutes: number;
  /** One counsellor booked for more hours than this on one day at one centre. */
  counsellorMaxHoursPerDay: number;
  /** A session on a cheque untouched (since it was issued, or since its previous session) for at least this many days. */
  dormantDays: number;
  /** A centre's hours this month above `volumeFactor` times its monthly average of the 3 months before, and at least `volumeMinHours`. */
  volumeFactor: number;
  volumeMinHours: number;
  /** At least this many refused registration tries (wrong client number or unknown code) by one centre in one clock hour. */
  wrongTriesPerHour: number;
  /** A course's claims in a month above `courseFactor` times the median of its programme's other courses, and at least `courseMinClaims`. */
  courseFactor: number;
  courseMinClaims: number;
  /** One evidence file (by its SHA-256) sent by at least this many citizens. */
  evidenceMinCitizens: number;
};

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
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL,
    databaseOwnerUrl: env.DATABASE_OWNER_URL,
    databaseDownExitSeconds: env.DATABASE_DOWN_EXIT_SECONDS,
    embeddedPg: { dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT },
    dbPoolMax: env.DB_POOL_MAX,
    workers: env.WORKERS,
    jwt: {
      // Without a secret or keys, main.ts generates a secret for the data folder (signing-secret.ts).
      secret: usesKeys ? undefined : env.JWT_SECRET,
      privateKey: pemFromEnv(env.JWT_PRIVATE_KEY),
      publicKey: pemFromEnv(env.JWT_PUBLIC_KEY),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.JWT_TTL_SECONDS,
      maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS ?? env.JWT_TTL_SECONDS,
    },
    auth: { userCacheSeconds: env.AUTH_USER_CACHE_SECONDS },
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          audience: env.OIDC_AUDIENCE ?? '',
          jwksUrl: env.OIDC_JWKS_URL,
          publicKey: pemFromEnv(env.OIDC_PUBLIC_KEY),
          staffSignIn: env.OIDC_STAFF_SIGN_IN,
          portal: env.OIDC_CLIENT_ID
            ? {
                clientId: env.OIDC_CLIENT_ID,
                clientSecret: env.OIDC_CLIENT_SECRET,
                clientPrivateKey: pemFromEnv(env.OIDC_CLIENT_PRIVATE_KEY),
                clientKeyId: env.OIDC_CLIENT_KEY_ID,
                redirectUrl: env.OIDC_REDIRECT_URL ?? '',
                providerName: env.OIDC_PROVIDER_NAME ?? new URL(env.OIDC_ISSUER).host,
                scopes: env.OIDC_SCOPES,
              }
            : undefined,
        }
      : undefined,
    demoPassword: env.DEMO_PASSWORD,
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV === 'development',
    login: {
      maxFailures: env.LOGIN_MAX_FAILURES,
      addressMaxFailures: env.LOGIN_ADDRESS_MAX_FAILURES,
      lockSeconds: env.LOGIN_LOCK_SECONDS,
      concurrentChecks: env.LOGIN_CONCURRENT_CHECKS,
      queuedChecks: env.LOGIN_QUEUED_CHECKS,
    },
    chequeRegistration: {
      perCheque: env.CHEQUE_REGISTRATION_MAX_TRIES,
      lockSeconds: env.CHEQUE_REGISTRATION_LOCK_SECONDS,
      perCentrePerHour: env.CENTRE_REGISTRATION_TRIES_PER_HOUR,
    },
    metricsToken: env.METRICS_TOKEN,
    auditFingerprintKey: env.AUDIT_FINGERPRINT_KEY ?? DEV_AUDIT_FINGERPRINT_KEY,
    paymentWebhookSecret: env.PAYMENT_WEBHOOK_SECRET,
    paymentPageUrl: env.PAYMENT_PAGE_URL,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? 'Learning Accounts <no-reply@learning-accounts.invalid>' },
    budgetFundingApprovalThreshold: env.BUDGET_FUNDING_APPROVAL_THRESHOLD,
    schedulerIntervalSeconds: env.SCHEDULER_INTERVAL_SECONDS,
    retention: {
      idempotencyDays: env.IDEMPOTENCY_RETENTION_DAYS,
      jobRunDays: env.JOB_RUN_RETENTION_DAYS,
      signInDays: env.SIGN_IN_RETENTION_DAYS,
    },
    logLevel: env.LOG_LEVEL,
    portal: {
      idleSeconds: env.PORTAL_SESSION_IDLE_MINUTES * 60,
      absoluteSeconds: env.PORTAL_SESSION_ABSOLUTE_HOURS * 3600,
      sessionSecret: env.PORTAL_SESSION_SECRET,
      assistedSeconds: env.ASSISTED_SESSION_MINUTES * 60,
    },
    contestWindowDays: env.CONTEST_WINDOW_DAYS,
    signals: {
      detectIntervalMinutes: env.SIGNAL_DETECT_INTERVAL_MINUTES,
      counsellorMaxHoursPerDay: env.SIGNAL_COUNSELLOR_MAX_HOURS_PER_DAY,
      dormantDays: env.SIGNAL_DORMANT_DAYS,
      volumeFactor: env.SIGNAL_VOLUME_FACTOR,
      volumeMinHours: env.SIGNAL_VOLUME_MIN_HOURS,
      wrongTriesPerHour: env.SIGNAL_WRONG_TRIES_PER_HOUR,
      courseFactor: env.SIGNAL_COURSE_FACTOR,
      courseMinClaims: env.SIGNAL_COURSE_MIN_CLAIMS,
      evidenceMinCitizens: env.SIGNAL_EVIDENCE_MIN_CITIZENS,
    },
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}
