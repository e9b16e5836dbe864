import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GatewayBootError } from './errors.ts';
import { refuseOversizedConfig } from './config-limits.ts';

/**
 * The gateway configuration (JSON). Every object is strict: an unknown key is an error that names
 * its path, so a typo (or an attempt to turn verification off) cannot pass silently. Any secret
 * may be given as `{ "env": "VAR" }`; loadGatewayConfig resolves it before validation.
 */
const TlsVersion = z.enum(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
export type TlsVersion = z.infer<typeof TlsVersion>;

const Pin = z.string().regex(/^sha256\/[A-Za-z0-9+/]{43}=$/, 'a pin is "sha256/" + the base64 SHA-256 of the certificate SubjectPublicKeyInfo (44 characters)');
const File = z.string().min(1, 'a file path');

const Tls = z.strictObject({
  /** CA bundle (PEM); absent = Node's bundled root store. */
  caFile: File.optional(),
  certFile: File.optional(),
  keyFile: File.optional(),
  passphrase: z.string().min(1).optional(),
  pins: z.array(Pin).min(1, 'list at least one pin, or leave "pins" out').optional(),
  servername: z.string().min(1).optional(),
  minVersion: TlsVersion.default('TLSv1.2'),
  maxVersion: TlsVersion.default('TLSv1.3'),
  ciphers: z.string().min(1).optional(),
  minKeyBits: z.number().int().positive().default(2048),
  minClientCertDays: z.number().int().min(0).default(7),
}).refine((t) => !t.certFile === !t.keyFile, { message: 'certFile and keyFile go together: give both or neither', path: ['certFile'] });

const Timeouts = z.strictObject({
  connectMs: z.number().int().positive().default(2000),
  handshakeMs: z.number().int().positive().default(2000),
  responseMs: z.number().int().positive().default(5000),
});

const Retry = z.strictObject({
  maxAttempts: z.number().int().min(1).max(10).default(3),
  baseDelayMs: z.number().int().min(0).default(100),
  maxDelayMs: z.number().int().min(0).default(2000),
});

const Tolerance = z.number().int().positive().default(300);

const BaseUrl = z.url({ protocol: /^https$/, error: 'an https:// URL (card data never travels over plain HTTP)' });
const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-" (it appears in URLs and metric labels)');

const common = {
  name: Name,
  baseUrl: BaseUrl,
  tls: Tls.prefault({}),
  timeouts: Timeouts.prefault({}),
  retry: Retry.prefault({}),
};

const Stripe = z.strictObject({
  ...common,
  profile: z.literal('stripe'),
  credentials: z.strictObject({ secretKey: z.string().min(1) }),
  webhooks: z.strictObject({ secrets: z.array(z.string().min(1)).min(1), toleranceSeconds: Tolerance }).optional(),
});
const Adyen = z.strictObject({
  ...common,
  profile: z.literal('adyen'),
  credentials: z.strictObject({ apiKey: z.string().min(1) }),
  /** Adyen merchant account sent with every payment. */
  merchantAccount: z.string().min(1).default('GatecheckECOM'),
  webhooks: z.strictObject({ hmacKey: z.string().regex(/^([0-9A-Fa-f]{2})+$/, 'the HMAC key in hex') }).optional(),
});
const Paypal = z.strictObject({
  ...common,
  profile: z.literal('paypal'),
  credentials: z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  webhooks: z.strictObject({ webhookId: z.string().min(1), certFile: File, toleranceSeconds: Tolerance }).optional(),
});
const Visa = z.strictObject({
  ...common,
  profile: z.literal('visa'),
  credentials: z.strictObject({ username: z.string().min(1), password: z.string().min(1) }),
});

const Pointer = z.string().regex(/^(\/.*)?$/, 'a JSON pointer such as /error/message');
const HeaderName = z.string().regex(/^[a-z0-9-]+$/, 'a lower-case header name such as x-api-key');
/** A processor without a built-in client, described as data (gateway/processors/custom.ts). */
const Custom = z.strictObject({
  ...common,
  profile: z.literal('custom'),
  /** The auth headers sent with every request, exactly as sent: { authorization: 'Bearer ...', 'x-api-key': '...' }. Secrets. */
  credentials: z.record(HeaderName, z.string().min(1)),
  payment: z.strictObject({
    /** Relative to the base URL's path. */
    path: z.string().startsWith('/'),
    /** JSON body; strings may hold {amount} {currency} {source} {reference} {idempotencyKey}; "{amount}" alone is the number. */
    body: z.unknown(),
    idempotencyHeader: HeaderName.default('idempotency-key'),
    idempotencyMaxLength: z.number().int().positive().default(255),
  }),
  answers: z.strictObject({
    approved: z.array(z.number().int().min(200).max(299)).min(1),
    declined: z.array(z.number().int().min(200).max(499)).default([]),
    /** Where the processor's payment reference is in an approved (or declined) answer. */
    reference: Pointer.optional(),
    declineReason: Pointer.optional(),
    errorMessage: Pointer.optional(),
  }),
});

export const ProcessorConfig = z.discriminatedUnion('profile', [Stripe, Adyen, Paypal, Visa, Custom]);
export type ProcessorConfig = z.infer<typeof ProcessorConfig>;
export type Profile = ProcessorConfig['profile'];
export type ProcessorOf<P extends Profile> = Extract<ProcessorConfig, { profile: P }>;

export const GatewayConfig = z.strictObject({
  server: z.strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(0),
  }).prefault({}),
  health: z.strictObject({
    /** Active TLS probe of every processor; 0 turns the periodic probe off (on-demand still works). */
    probeIntervalMs: z.number().int().min(0).default(30_000),
    /** Probe once right after start, so /health and the expiry gauges are known early. */
    probeOnStart: z.boolean().default(true),
  }).prefault({}),
  processors: z.array(ProcessorConfig).min(1, 'configure at least one processor'),
}).superRefine((config, ctx) => {
  const seen = new Set<string>();
  config.processors.forEach((p, i) => {
    if (seen.has(p.name)) ctx.addIssue({ code: 'custom', message: `processor name "${p.name}" is used twice`, path: ['processors', i, 'name'] });
    seen.add(p.name);
  });
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;

/** `processors[0].tls.caFile` from a zod path. */
export function fieldPath(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

type Json = unknown;

/** Replaces every `{ "env": "VAR" }` with the variable's value; a missing variable is a boot error. */
function resolveSecrets(value: Json, env: NodeJS.ProcessEnv, at: PropertyKey[]): Json {
  if (Array.isArray(value)) return value.map((v, i) => resolveSecrets(v, env, [...at, i]));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === 'env' && typeof entries[0]![1] === 'string') {
      const name = entries[0]![1];
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        const field = fieldPath(at);
        throw new GatewayBootError('CONFIG_SECRET_MISSING', field, `${field} reads the environment variable ${name}, which is not set. Fix: export ${name}=... before starting the gateway.`);
      }
      return resolved;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveSecrets(v, env, [...at, k])]));
  }
  return value;
}

/** Options a config must never carry: verification is not optional. */
const forbidden = ['rejectUnauthorized', 'insecure', 'insecureSkipVerify', 'verify', 'checkServerIdentity'];

function refuseInsecureKeys(raw: Json): void {
  const processors = (raw as { processors?: unknown })?.processors;
  if (!Array.isArray(processors)) return;
  processors.forEach((p, i) => {
    const tls = (p as { tls?: Record<string, unknown> })?.tls;
    if (!tls || typeof tls !== 'object') return;
    for (const key of forbidden) {
      if (key in tls) {
        const field = `processors[${i}].tls.${key}`;
        throw new GatewayBootError('CONFIG_INSECURE_TLS', field, `${field}: certificate verification cannot be configured or turned off. Fix: remove "${key}"; to trust a private CA, set tls.caFile to its bundle.`);
      }
    }
  });
}

export type ParseOptions = { baseDir?: string; env?: NodeJS.ProcessEnv; file?: string };

/**
 * Validates a configuration object: secrets resolved from `env`, relative file paths resolved
 * against `baseDir` (the config file's folder). Throws GatewayBootError.
 */
export function parseGatewayConfig(raw: unknown, options: ParseOptions = {}): GatewayConfig {
  const env = options.env ?? process.env;
  const baseDir = options.baseDir ?? process.cwd();
  refuseOversizedConfig(raw);
  refuseInsecureKeys(raw);
  const resolved = resolveSecrets(raw, env, []);
  const result = GatewayConfig.safeParse(resolved);
  if (!result.success) {
    const first = result.error.issues[0]!;
    const field = fieldPath(first.path) || '(root)';
    const where = options.file ? ` in ${options.file}` : '';
    const all = result.error.issues.map((issue) => `${fieldPath(issue.path) || '(root)'}: ${issue.message}`).join('; ');
    throw new GatewayBootError('CONFIG_INVALID', field, `invalid gateway config${where}: ${all}. Fix: see gateway/README.md for the config reference.`, options.file);
  }
  const config = result.data;
  const abs = (f: string | undefined) => (f === undefined ? undefined : path.resolve(baseDir, f));
  for (const p of config.processors) {
    p.tls.caFile = abs(p.tls.caFile);
    p.tls.certFile = abs(p.tls.certFile);
    p.tls.keyFile = abs(p.tls.keyFile);
    if (p.profile === 'paypal' && p.webhooks) p.webhooks.certFile = abs(p.webhooks.certFile)!;
  }
  return config;
}

/** Reads a JSON config file; relative paths in it are relative to the file's folder. */
export function loadGatewayConfig(file: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new GatewayBootError('CONFIG_INVALID', '--config', `cannot read the gateway config ${absolute}: ${(error as Error).message}. Fix: pass --config with the path of a readable JSON file.`, absolute);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new GatewayBootError('CONFIG_INVALID', '--config', `the gateway config ${absolute} is not valid JSON: ${(error as Error).message}. Fix: correct the JSON syntax.`, absolute);
  }
  return parseGatewayConfig(raw, { baseDir: path.dirname(absolute), env, file: absolute });
}

/** Every secret value in the config: what the logger redacts wherever it appears. */
export function configSecrets(config: GatewayConfig): string[] {
  const secrets: string[] = [];
  for (const p of config.processors) {
    secrets.push(...Object.values(p.credentials));
    if (p.profile === 'paypal') secrets.push(Buffer.from(`${p.credentials.clientId}:${p.credentials.clientSecret}`).toString('base64'));
    if (p.profile === 'visa') secrets.push(Buffer.from(`${p.credentials.username}:${p.credentials.password}`).toString('base64'));
    // A custom processor's auth header values; the token alone too ("Bearer abc" -> "abc").
    if (p.profile === 'custom') for (const value of Object.values(p.credentials)) secrets.push(value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
    if (p.tls.passphrase) secrets.push(p.tls.passphrase);
    if (p.profile === 'stripe' && p.webhooks) secrets.push(...p.webhooks.secrets);
    if (p.profile === 'adyen' && p.webhooks) secrets.push(p.webhooks.hmacKey);
  }
  return secrets;
}
