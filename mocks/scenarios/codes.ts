import { z } from 'zod';

/**
 * The error-code taxonomy: one list for scenario expectations, the doctor, the runbook and the
 * reference gateway's driver mapping. Specific beats generic; a business decline is never an
 * infrastructure failure. `retryable` is what a correct gateway does on its own; `status` is the
 * HTTP status a gateway answers its caller with.
 */
const definitions = {
  // Server certificate verification (the gateway refuses the processor).
  TLS_CERT_EXPIRED: { category: 'tls', status: 502, retryable: false, summary: 'the processor presented an expired certificate (or one in its chain expired)' },
  TLS_CERT_NOT_YET_VALID: { category: 'tls', status: 502, retryable: false, summary: 'the processor certificate is not valid yet (or the gateway clock is behind)' },
  TLS_HOSTNAME_MISMATCH: { category: 'tls', status: 502, retryable: false, summary: 'the processor certificate does not name the host the gateway connected to' },
  TLS_SELF_SIGNED: { category: 'tls', status: 502, retryable: false, summary: 'the processor presented a self-signed certificate' },
  TLS_UNTRUSTED_ROOT: { category: 'tls', status: 502, retryable: false, summary: 'the processor chain ends at a root the gateway CA bundle does not hold' },
  TLS_INCOMPLETE_CHAIN: { category: 'tls', status: 502, retryable: false, summary: 'the processor did not send the intermediate certificate its leaf needs' },
  TLS_CERT_WRONG_PURPOSE: { category: 'tls', status: 502, retryable: false, summary: 'the processor certificate is not valid for a TLS server (extended key usage)' },
  TLS_WEAK_SIGNATURE: { category: 'tls', status: 502, retryable: false, summary: 'a certificate in the processor chain is signed with a weak digest (SHA-1)' },
  TLS_WEAK_KEY: { category: 'tls', status: 502, retryable: false, summary: 'the processor certificate key is below the gateway key-size policy' },
  TLS_PIN_MISMATCH: { category: 'tls', status: 502, retryable: false, summary: 'no certificate in the processor chain matches the configured SPKI pins' },
  TLS_PROTOCOL_VERSION: { category: 'tls', status: 502, retryable: false, summary: 'gateway and processor share no TLS protocol version' },
  TLS_NO_SHARED_CIPHER: { category: 'tls', status: 502, retryable: false, summary: 'gateway and processor share no cipher suite' },
  TLS_ALPN_MISMATCH: { category: 'tls', status: 502, retryable: false, summary: 'the processor accepts no application protocol the gateway offers (ALPN)' },
  TLS_NOT_TLS: { category: 'tls', status: 502, retryable: false, summary: 'the processor port did not answer with TLS (plain HTTP or garbage)' },
  TLS_HANDSHAKE_TIMEOUT: { category: 'tls', status: 504, retryable: false, summary: 'the TLS handshake did not complete within the bound' },
  TLS_HANDSHAKE_FAILED: { category: 'tls', status: 502, retryable: false, summary: 'the TLS handshake failed for a reason with no more specific code' },
  // Client certificates (mutual TLS).
  TLS_CLIENT_CERT_REQUIRED: { category: 'mtls', status: 502, retryable: false, summary: 'the processor requires a client certificate and the gateway sent none' },
  TLS_CLIENT_CERT_REJECTED: { category: 'mtls', status: 502, retryable: false, summary: 'the processor rejected the gateway client certificate (expired, unknown CA or wrong usage)' },
  // Gateway configuration, refused at boot.
  CONFIG_INVALID: { category: 'config', status: 500, retryable: false, summary: 'the gateway configuration does not match its schema' },
  CONFIG_SECRET_MISSING: { category: 'config', status: 500, retryable: false, summary: 'a secret the configuration reads from the environment is not set' },
  CONFIG_CA_BUNDLE_UNREADABLE: { category: 'config', status: 500, retryable: false, summary: 'the configured CA bundle cannot be read or holds no certificate' },
  CONFIG_CLIENT_CERT_UNREADABLE: { category: 'config', status: 500, retryable: false, summary: 'the configured client certificate or key cannot be read or parsed' },
  CONFIG_CLIENT_KEY_MISMATCH: { category: 'config', status: 500, retryable: false, summary: 'the client private key does not belong to the client certificate' },
  CONFIG_CLIENT_KEY_PASSPHRASE: { category: 'config', status: 500, retryable: false, summary: 'the client key passphrase is missing or wrong' },
  CONFIG_CLIENT_CERT_EXPIRED: { category: 'config', status: 500, retryable: false, summary: 'the gateway client certificate is expired or about to expire' },
  CONFIG_INSECURE_TLS: { category: 'config', status: 500, retryable: false, summary: 'the configuration allows a TLS version below 1.2 or another insecure option' },
  // Authentication with the processor.
  AUTH_REJECTED: { category: 'auth', status: 502, retryable: false, summary: 'the processor rejected the gateway credentials (401)' },
  AUTH_FORBIDDEN: { category: 'auth', status: 502, retryable: false, summary: 'the credentials are valid but not allowed to do this (403, restricted key or scope)' },
  AUTH_MODE_MISMATCH: { category: 'auth', status: 502, retryable: false, summary: 'test credentials against a live endpoint, or live credentials against a sandbox' },
  AUTH_TOKEN_FAILED: { category: 'auth', status: 502, retryable: false, summary: 'the OAuth2 token endpoint refused the client credentials' },
  AUTH_CLOCK_SKEW: { category: 'auth', status: 502, retryable: false, summary: 'signed requests are rejected because the gateway clock is off' },
  // Network below HTTP.
  NET_CONNECTION_REFUSED: { category: 'network', status: 503, retryable: true, summary: 'nothing listens at the processor address (connection refused)' },
  NET_DNS_FAILURE: { category: 'network', status: 503, retryable: false, summary: 'the processor host name does not resolve' },
  NET_CONNECT_TIMEOUT: { category: 'network', status: 504, retryable: true, summary: 'the TCP connection to the processor did not open within the bound' },
  NET_CONNECTION_RESET: { category: 'network', status: 503, retryable: true, summary: 'the processor connection was reset' },
  NET_CONNECTION_CLOSED: { category: 'network', status: 503, retryable: true, summary: 'the processor closed the connection before a whole response' },
  NET_RESPONSE_TIMEOUT: { category: 'network', status: 504, retryable: true, summary: 'the processor did not answer within the bound' },
  // HTTP semantics.
  PROCESSOR_UNAVAILABLE: { category: 'http', status: 503, retryable: true, summary: 'the processor answered with a 5xx error' },
  RATE_LIMITED: { category: 'http', status: 503, retryable: true, summary: 'the processor is rate limiting the gateway (429)' },
  PROCESSOR_BAD_RESPONSE: { category: 'http', status: 502, retryable: false, summary: 'the processor response does not match its API (schema, content type, error in a 200)' },
  IDEMPOTENCY_CONFLICT: { category: 'http', status: 409, retryable: false, summary: 'a request with the same idempotency key is still in flight' },
  IDEMPOTENCY_MISMATCH: { category: 'http', status: 422, retryable: false, summary: 'the idempotency key was used before with different parameters' },
  // Business outcome: not an outage.
  PAYMENT_DECLINED: { category: 'business', status: 402, retryable: false, summary: 'the processor declined the payment (a business outcome, not a failure)' },
  // Webhooks received by the gateway.
  WEBHOOK_SIGNATURE_INVALID: { category: 'webhook', status: 400, retryable: false, summary: 'the webhook signature does not verify' },
  WEBHOOK_TIMESTAMP_STALE: { category: 'webhook', status: 400, retryable: false, summary: 'the webhook timestamp is outside the tolerance' },
  WEBHOOK_REPLAYED: { category: 'webhook', status: 409, retryable: false, summary: 'the webhook event was already processed' },
  WEBHOOK_MALFORMED: { category: 'webhook', status: 400, retryable: false, summary: 'the webhook body or headers are not what the processor sends' },
} as const satisfies Record<string, { category: string; status: number; retryable: boolean; summary: string }>;

export type ErrorCode = keyof typeof definitions;
export const errorCodes = Object.keys(definitions) as [ErrorCode, ...ErrorCode[]];
export const ErrorCode = z.enum(errorCodes);
export type CodeCategory = (typeof definitions)[ErrorCode]['category'];

export function codeInfo(code: ErrorCode) {
  return definitions[code];
}
