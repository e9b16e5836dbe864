/**
 * The error codes this gateway emits: its own copy (gateway/ imports nothing from mocks/), with
 * the same strings, HTTP statuses and retryability as gatecheck's taxonomy. A gateway-only code
 * for mistakes of the caller (not of the processor integration) is listed apart at the end.
 */
const table = {
  TLS_CERT_EXPIRED: [502, false],
  TLS_CERT_NOT_YET_VALID: [502, false],
  TLS_HOSTNAME_MISMATCH: [502, false],
  TLS_SELF_SIGNED: [502, false],
  TLS_UNTRUSTED_ROOT: [502, false],
  TLS_INCOMPLETE_CHAIN: [502, false],
  TLS_CERT_WRONG_PURPOSE: [502, false],
  TLS_WEAK_SIGNATURE: [502, false],
  TLS_WEAK_KEY: [502, false],
  TLS_PIN_MISMATCH: [502, false],
  TLS_PROTOCOL_VERSION: [502, false],
  TLS_NO_SHARED_CIPHER: [502, false],
  TLS_ALPN_MISMATCH: [502, false],
  TLS_NOT_TLS: [502, false],
  TLS_HANDSHAKE_TIMEOUT: [504, false],
  TLS_HANDSHAKE_FAILED: [502, false],
  TLS_CLIENT_CERT_REQUIRED: [502, false],
  TLS_CLIENT_CERT_REJECTED: [502, false],
  CONFIG_INVALID: [500, false],
  CONFIG_SECRET_MISSING: [500, false],
  CONFIG_CA_BUNDLE_UNREADABLE: [500, false],
  CONFIG_CLIENT_CERT_UNREADABLE: [500, false],
  CONFIG_CLIENT_KEY_MISMATCH: [500, false],
  CONFIG_CLIENT_KEY_PASSPHRASE: [500, false],
  CONFIG_CLIENT_CERT_EXPIRED: [500, false],
  CONFIG_INSECURE_TLS: [500, false],
  AUTH_REJECTED: [502, false],
  AUTH_FORBIDDEN: [502, false],
  AUTH_MODE_MISMATCH: [502, false],
  AUTH_TOKEN_FAILED: [502, false],
  AUTH_CLOCK_SKEW: [502, false],
  NET_CONNECTION_REFUSED: [503, true],
  NET_DNS_FAILURE: [503, false],
  NET_CONNECT_TIMEOUT: [504, true],
  NET_CONNECTION_RESET: [503, true],
  NET_CONNECTION_CLOSED: [503, true],
  NET_RESPONSE_TIMEOUT: [504, true],
  PROCESSOR_UNAVAILABLE: [503, true],
  RATE_LIMITED: [503, true],
  PROCESSOR_BAD_RESPONSE: [502, false],
  IDEMPOTENCY_CONFLICT: [409, false],
  IDEMPOTENCY_MISMATCH: [422, false],
  PAYMENT_DECLINED: [402, false],
  WEBHOOK_SIGNATURE_INVALID: [400, false],
  WEBHOOK_TIMESTAMP_STALE: [400, false],
  WEBHOOK_REPLAYED: [409, false],
  WEBHOOK_MALFORMED: [400, false],
  // Gateway-only: the caller's request to this gateway is malformed (no processor involved).
  INVALID_REQUEST: [400, false],
  // Gateway-only: a fault inside this gateway (a bug), logged and answered with the same code.
  INTERNAL: [500, false],
} as const satisfies Record<string, readonly [number, boolean]>;

export type GatewayCode = keyof typeof table;
export type ConfigCode = Extract<GatewayCode, `CONFIG_${string}`>;
export const gatewayCodes = Object.keys(table) as GatewayCode[];

export const statusOf = (code: GatewayCode): number => table[code][0];
export const isRetryable = (code: GatewayCode): boolean => table[code][1];
export const isGatewayCode = (value: unknown): value is GatewayCode => typeof value === 'string' && value in table;
export const categoryOf = (code: GatewayCode): string => {
  if (code.startsWith('TLS_CLIENT_CERT')) return 'mtls';
  if (code === 'PAYMENT_DECLINED') return 'business';
  if (code === 'INTERNAL') return 'gateway';
  if (code.startsWith('PROCESSOR_') || code.startsWith('IDEMPOTENCY_') || code === 'RATE_LIMITED') return 'http';
  if (code.startsWith('NET_')) return 'network';
  return code.slice(0, code.indexOf('_')).toLowerCase();
};

/**
 * A classified failure of one processor call. `requestSent` is false when no byte of the HTTP
 * request left the gateway (connect, DNS and handshake failures): only then may the gateway fail
 * over to another processor without risking a double charge.
 */
export class GatewayFailure extends Error {
  override name = 'GatewayFailure';
  readonly code: GatewayCode;
  readonly requestSent: boolean;
  /** Milliseconds the processor asked the gateway to wait (Retry-After), if it did. */
  readonly retryAfterMs: number | undefined;
  /** Short machine-readable detail (an OpenSSL reason, an HTTP status): for logs and metrics. */
  readonly detail: string;
  /** Where the call was when it failed. */
  readonly stage: 'connect' | 'handshake' | 'request' | 'response';
  /** The processor's HTTP status when it answered (the failure is in its answer, not the connection). */
  readonly httpStatus: number | undefined;

  constructor(code: GatewayCode, message: string, options: { requestSent: boolean; retryAfterMs?: number | undefined; detail?: string; cause?: unknown; stage?: GatewayFailure['stage']; httpStatus?: number }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.requestSent = options.requestSent;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail ?? code;
    this.stage = options.stage ?? (options.requestSent ? 'response' : 'connect');
    this.httpStatus = options.httpStatus;
  }
}

/** Thrown by config validation and boot checks: the gateway refuses to start. */
export class GatewayBootError extends Error {
  override name = 'GatewayBootError';
  readonly code: ConfigCode;
  /** The config field at fault, as a path: `processors[0].tls.caFile`. */
  readonly field: string;
  /** The file involved, absolute, when the fault is in a file. */
  readonly file: string | undefined;

  constructor(code: ConfigCode, field: string, message: string, file?: string) {
    super(message);
    this.code = code;
    this.field = field;
    this.file = file;
  }
}
