import { z } from 'zod';
import { ErrorCode } from './codes.ts';
import { ProfileName } from '../processors/profile.ts';

/**
 * A scenario = how the processor side is set up x how the gateway's processor config is set up x
 * what a correct gateway must do. Scenarios are data; mocks/servers/ turns one into a running
 * processor. The id names the test, the `serve` argument and the runbook entry, forever.
 */
export const Family = z.enum(['tls', 'mtls', 'auth', 'network', 'http', 'webhook', 'failover']);
export type Family = z.infer<typeof Family>;

export const TlsVersion = z.enum(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
export type TlsVersion = z.infer<typeof TlsVersion>;

const certId = z.string().regex(/^[a-z0-9-]+$/, 'a certificate id from mocks/pki/specs.ts');

/** How the processor asks for and checks client certificates, in each real style. */
export const ClientCertPolicy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  /** Node's TLS server: TLS 1.3 certificate_required alert when none is sent, a bare close when one is rejected. */
  z.object({ mode: z.literal('node-reject'), trust: certId }),
  /** OpenSSL's own server (`openssl s_server -Verify 1 -verify_return_error`): real TLS alerts. */
  z.object({ mode: z.literal('openssl-alert'), trust: certId }),
  /** nginx `ssl_verify_client optional` style: the handshake completes, then HTTP 400. */
  z.object({ mode: z.literal('http-400'), trust: certId }),
  /** Asks every client for a certificate and accepts any or none (`ssl_verify_client optional_no_ca`): records what a gateway volunteers. */
  z.object({ mode: z.literal('request-any') }),
]);
export type ClientCertPolicy = z.infer<typeof ClientCertPolicy>;

export const ServerTls = z.object({
  /** The leaf served, by PKI id. */
  cert: certId,
  /** `full` sends the leaf's chain file, `leaf-only` forgets the intermediate. */
  chain: z.enum(['full', 'leaf-only']).default('full'),
  minVersion: TlsVersion.default('TLSv1.2'),
  maxVersion: TlsVersion.default('TLSv1.3'),
  /** OpenSSL cipher string for TLS <= 1.2; `@SECLEVEL=0` where a legacy setup needs it. */
  ciphers: z.string().optional(),
  /** ALPN protocols the server accepts; a client offering none of them is refused. */
  alpn: z.array(z.string()).optional(),
  clientCert: ClientCertPolicy.default({ mode: 'none' }),
});
export type ServerTls = z.infer<typeof ServerTls>;

/** Below HTTP: what answers on the processor's port. */
export const Transport = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tls'), tls: ServerTls }),
  /** A plain HTTP server where the gateway expects TLS. */
  z.object({ kind: z.literal('plain-http') }),
  /** accept-and-hang, garbage instead of ServerHello, FIN or RST at accept, a closed port. */
  z.object({ kind: z.literal('raw'), fault: z.enum(['hang', 'garbage', 'fin', 'rst', 'closed-port', 'syn-blackhole']) }),
]);
export type Transport = z.infer<typeof Transport>;

const times = z.number().int().positive().nullable().default(null).describe('only the first N payment requests; null = every one');

/** What the processor does once a request arrives over a good connection (the HTTP application's side). */
export const Behaviour = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('normal') }),
  /** An edge failure in the profile's error shape, before the application: nothing committed, nothing stored. */
  z.object({
    kind: z.literal('fail'),
    failure: z.enum(['rate-limited', 'server-error', 'unavailable']),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().positive().nullable().default(null),
    times,
  }),
  /** The application fails with a 500 that it stores under the idempotency key (Stripe replays even a 500). */
  z.object({ kind: z.literal('app-error'), times }),
  /** A canned answer instead of the application's: an edge proxy's HTML page, a 200 with an error body. */
  z.object({ kind: z.literal('reply'), status: z.number().int(), contentType: z.string(), body: z.string(), times }),
  /** The application's real answer, altered on the way out. */
  z.object({ kind: z.literal('alter'), alteration: z.enum(['utf8-bom', 'break-schema']) }),
  /** No answer: reset, or hang until the client gives up. `commit`: the processor charges first. */
  z.object({ kind: z.literal('reset'), commit: z.boolean(), times }),
  z.object({ kind: z.literal('hang'), commit: z.boolean(), times }),
  /** Answer after a delay. */
  z.object({ kind: z.literal('delay'), ms: z.number().int().positive(), times }),
  /** The application takes this long per payment: a second request with the same key meanwhile conflicts. */
  z.object({ kind: z.literal('slow-processing'), ms: z.number().int().positive() }),
  /** A live-mode endpoint: test keys are refused as a mode mismatch. */
  z.object({ kind: z.literal('live-mode') }),
  /** OAuth2 tokens expire before the payment arrives (one refresh must fix it). */
  z.object({ kind: z.literal('token-expires'), times }),
  /** The OAuth2 token endpoint fails; payments are never reached. */
  z.object({ kind: z.literal('token-endpoint-fails'), failure: z.enum(['rate-limited', 'unavailable']), retryAfterSeconds: z.number().int().positive().nullable().default(null) }),
]);
export type Behaviour = z.infer<typeof Behaviour>;

/** Faults the TLS front applies to the application's response bytes (below HTTP, above TLS). */
export const ResponseFault = z.enum(['none', 'close-after-headers', 'reset-mid-body', 'drip', 'garbage']);
export type ResponseFault = z.infer<typeof ResponseFault>;

export const ProcessorSetup = z.object({
  profile: ProfileName.default('stripe'),
  transport: Transport,
  behaviour: Behaviour.default({ kind: 'normal' }),
  responseFault: z.object({ fault: ResponseFault, times }).default({ fault: 'none', times: null }),
});
export type ProcessorSetup = z.infer<typeof ProcessorSetup>;

/** The gateway's own processor configuration: client-side misconfigurations live here. */
export const GatewaySetup = z.object({
  /** CA bundle by PKI bundle id; null = none configured (the runtime's built-in roots). */
  caBundle: z.string().nullable().default('trust-current'),
  /** Client certificate by PKI id, its key by PKI id (default: its own key file). */
  clientCert: certId.nullable().default(null),
  passphrase: z.enum(['correct', 'wrong', 'missing']).nullable().default(null),
  /** SPKI pins of these PKI certificates. */
  pins: z.array(certId).default([]),
  servername: z.string().default('localhost'),
  minVersion: TlsVersion.default('TLSv1.2'),
  maxVersion: TlsVersion.default('TLSv1.3'),
  ciphers: z.string().nullable().default(null),
  /** The gateway's key-size policy (Node itself accepts RSA-1024). */
  minKeyBits: z.number().int().default(2048),
  /** Credential values that replace the profile's accepted ones (a wrong key, a live key). */
  credentials: z.record(z.string(), z.string()).nullable().default(null),
  /** `unresolvable`: the gateway's base URL names a host that does not resolve. */
  host: z.enum(['loopback', 'unresolvable']).default('loopback'),
});
export type GatewaySetup = z.infer<typeof GatewaySetup>;

/** The second processor of a topology: its own mock and its own entry in the gateway's config. */
export const Secondary = z.object({
  processor: ProcessorSetup,
  gateway: GatewaySetup.default(GatewaySetup.parse({})),
});
export type Secondary = z.infer<typeof Secondary>;

/** What the harness asks of the gateway during the run. */
export const Drive = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pay'),
    card: z.enum(['approved', 'declined']).default('approved'),
    /** once; the same payment twice with one key; twice at once with one key; one key reused for another amount. */
    repeat: z.enum(['once', 'twice-same-key', 'concurrent-same-key', 'same-key-other-amount']).default('once'),
  }),
  z.object({
    kind: z.literal('webhook'),
    deliveries: z.array(z.object({
      event: z.string().min(1),
      tamper: z.boolean().default(false),
      secret: z.enum(['configured', 'wrong', 'configured-and-next']).default('configured'),
      ageSeconds: z.number().int().default(0),
      /** How the processor serialises the body it signs: compact JSON, or pretty-printed (indented, newlines). */
      format: z.enum(['compact', 'pretty']).default('compact'),
    })).min(1),
  }),
]);
export type Drive = z.infer<typeof Drive>;

export const Outcome = z.enum(['ok', 'rejected', 'boot-refused']);
export type Outcome = z.infer<typeof Outcome>;

/** The least time a correct gateway waits between attempts, and how much earlier still counts (timer and loopback jitter). */
export const RetryGap = z.object({
  minMs: z.number().int().positive(),
  toleranceMs: z.number().int().nonnegative(),
  /** What the gap comes from, for the breach line: the processor's Retry-After, or the gateway's declared backoff. */
  source: z.enum(['retry-after', 'backoff']),
});
export type RetryGap = z.infer<typeof RetryGap>;

/** What one processor of a topology must show after the drive. */
export const ProcessorExpectation = z.object({
  /** Charges this processor committed. */
  charges: z.number().int().nonnegative(),
  /** Whether any payment request may reach this processor. */
  reached: z.boolean(),
  /** Its state on /health, and the code when down. */
  health: z.enum(['up', 'down', 'any']),
  code: ErrorCode.nullable().default(null),
});
export type ProcessorExpectation = z.infer<typeof ProcessorExpectation>;

export const Expectation = z
  .object({
    /** ok: the payment succeeds; rejected: it fails at run time; boot-refused: the gateway will not start. */
    outcome: Outcome,
    code: ErrorCode.nullable(),
    retryable: z.boolean(),
    /** Whether any HTTP request (card data) may reach the processor's application. */
    paymentSent: z.boolean(),
    health: z.enum(['up', 'down']),
    /** The gateway must report within this many milliseconds. */
    withinMs: z.number().int().positive(),
    /** Time as evidence: the least gap between two payment attempts at one processor (Retry-After or declared backoff), within a tolerance. */
    retryGap: RetryGap.optional(),
    /** Topologies: what each processor must have seen, by role (only with `secondary`). */
    processors: z.object({ primary: ProcessorExpectation, secondary: ProcessorExpectation }).optional(),
  })
  .refine((e) => (e.outcome === 'ok') === (e.code === null), { message: 'code must be null exactly when outcome is "ok"', path: ['code'] })
  .refine((e) => e.outcome !== 'ok' || e.health === 'up', { message: 'a scenario with outcome "ok" must expect health "up"', path: ['health'] });
export type Expectation = z.infer<typeof Expectation>;

export const Runbook = z.object({
  symptom: z.string().min(10),
  cause: z.string().min(10),
  fix: z.string().min(10),
});

export const Scenario = z
  .object({
    /** A custom processor's scenarios carry its name: `mobile-money/tls.expired-leaf`. */
    id: z.string().regex(/^([a-z][a-z0-9]*(-[a-z0-9]+)*\/)?[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'use family.kebab-slug, e.g. tls.expired-leaf (or processor/family.kebab-slug)'),
    family: Family,
    title: z.string().min(10),
    /** The real incident, processor behaviour or standard this models. */
    basis: z.string().min(10),
    processor: ProcessorSetup,
    gateway: GatewaySetup.default(GatewaySetup.parse({})),
    drive: Drive.default({ kind: 'pay', card: 'approved', repeat: 'once' }),
    /**
     * A second processor the gateway is configured with, after the first (failover order). The
     * first (`processor`, `gateway`) is the primary; absent = one processor, as most scenarios.
     */
    secondary: Secondary.optional(),
    expect: Expectation,
    runbook: Runbook,
  })
  .refine((s) => s.id.replace(/^[^/]*\//, '').startsWith(`${s.family}.`), { message: 'id must start with its family (after any processor/ prefix)', path: ['id'] })
  .refine((s) => (s.secondary === undefined) === (s.expect.processors === undefined), { message: 'a scenario with a secondary processor says what each processor must see (expect.processors), and only then', path: ['expect', 'processors'] });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Validates one definition; the error names the scenario and every failing field path. */
export function parseScenario(input: unknown): Scenario {
  const result = Scenario.safeParse(input);
  if (result.success) return result.data;
  const id = typeof input === 'object' && input && 'id' in input ? String((input as { id: unknown }).id) : '<no id>';
  const fields = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`gatecheck: scenario "${id}" is invalid: ${fields}`);
}
