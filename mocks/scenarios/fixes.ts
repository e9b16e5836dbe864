import type { ErrorCode } from './codes.ts';

/**
 * One plain sentence per code: what to change, for the doctor's verdict, audit lines and the
 * runbook's per-code summary. Scenario runbooks say more about their own case; this table exists
 * because several codes have no scenario yet (DNS, refused, most CONFIG_*) and codes shared by
 * several scenarios (TLS_UNTRUSTED_ROOT) need one fix that holds for all of them. Adding a code to
 * codes.ts without a sentence here is a type error.
 */
export const fixes = {
  TLS_CERT_EXPIRED: 'Compare the expiry dates in the chain with the gateway clock: if a processor certificate expired, escalate to the processor, if a CA in the gateway bundle expired, refresh the bundle, and if the clock is wrong, fix NTP; never disable verification.',
  TLS_CERT_NOT_YET_VALID: 'Check the gateway host clock against NTP (`timedatectl`); if it is right, the processor deployed a certificate before its start date, so escalate to the processor.',
  TLS_HOSTNAME_MISMATCH: 'Make the processor baseUrl host (or tls.servername) one of the names the certificate lists, or escalate to the processor if it serves the wrong certificate.',
  TLS_SELF_SIGNED: 'Point baseUrl at the processor\'s real API host; never add a self-signed certificate to a production gateway\'s CA bundle.',
  TLS_UNTRUSTED_ROOT: 'Give the gateway a CA bundle (tls.caFile) that holds the root this chain ends at, or, if that root is not the processor\'s, find what intercepts the connection (egress proxy, DNS).',
  TLS_INCOMPLETE_CHAIN: 'Escalate to the processor to send its intermediate certificate; as a stopgap add that intermediate to the gateway CA bundle (tls.caFile) and remove it once fixed.',
  TLS_CERT_WRONG_PURPOSE: 'Escalate to the processor: its certificate is not issued for TLS server authentication, and nothing on the gateway should change.',
  TLS_WEAK_SIGNATURE: 'Escalate to the processor to replace its SHA-1 signed certificate; do not lower the gateway security level.',
  TLS_WEAK_KEY: 'Escalate to the processor to replace its undersized key; do not lower tls.minKeyBits below 2048.',
  TLS_PIN_MISMATCH: 'Update tls.pins from the chain the processor serves now, preferring the issuing CA key (it survives leaf renewals), or remove pins.',
  TLS_PROTOCOL_VERSION: 'Allow TLS 1.2 and 1.3 (tls.minVersion "TLSv1.2", no tls.maxVersion cap), and if the processor offers less than TLS 1.2, use its current endpoint.',
  TLS_NO_SHARED_CIPHER: 'Remove the tls.ciphers override (Node\'s defaults are current) or add a suite the processor supports.',
  TLS_ALPN_MISMATCH: 'Escalate to the processor (HTTP/1.1 is part of its API contract) or enable HTTP/2 in the gateway client.',
  TLS_NOT_TLS: 'Check the host and port in baseUrl (443, not an HTTP port) and any proxy or load balancer in between: the port does not speak TLS.',
  TLS_HANDSHAKE_TIMEOUT: 'Check egress firewalls, proxies and the processor status page, and keep timeouts.handshakeMs bounded so payments fail fast.',
  TLS_HANDSHAKE_FAILED: 'Run `openssl s_client -connect <host>:443 -servername <host>` for the raw OpenSSL reason and escalate with it; no more specific code applies.',
  TLS_CLIENT_CERT_REQUIRED: 'Configure the client certificate and key issued for this processor environment (tls.certFile and tls.keyFile).',
  TLS_CLIENT_CERT_REJECTED: 'Install the client certificate issued for this processor environment by the CA it trusts, with the clientAuth usage and not expired.',
  CONFIG_INVALID: 'Correct the configuration field named in the message (gateway/README.md has the config reference).',
  CONFIG_SECRET_MISSING: 'Set the environment variable the configuration reads before starting the gateway.',
  CONFIG_CA_BUNDLE_UNREADABLE: 'Point tls.caFile at a readable PEM file holding the processor\'s current root CA certificates.',
  CONFIG_CLIENT_CERT_UNREADABLE: 'Point tls.certFile and tls.keyFile at readable PEM files holding the client certificate and its private key.',
  CONFIG_CLIENT_KEY_MISMATCH: 'Deploy the private key generated with this certificate\'s CSR (`openssl x509 -noout -pubkey` and `openssl pkey -pubout` must print the same key).',
  CONFIG_CLIENT_KEY_PASSPHRASE: 'Set tls.passphrase (for example { "env": "CLIENT_KEY_PASSPHRASE" }) to the passphrase the key was encrypted with.',
  CONFIG_CLIENT_CERT_EXPIRED: 'Renew the client certificate with the processor and deploy it with its key before the old one expires.',
  CONFIG_INSECURE_TLS: 'Remove the insecure setting: TLS 1.2 or later, no NULL/EXPORT/RC4/DES/MD5 suites or @SECLEVEL=0, at least 2048-bit keys, and verification always on.',
  AUTH_REJECTED: 'Replace the processor credentials with a valid key for this environment from the processor dashboard.',
  AUTH_FORBIDDEN: 'Use credentials whose permissions cover this operation (not a restricted key or a narrower scope).',
  AUTH_MODE_MISMATCH: 'Use test credentials with sandbox hosts and live credentials with production hosts.',
  AUTH_TOKEN_FAILED: 'Check the OAuth2 client id and secret for this environment and that the gateway reaches the token endpoint.',
  AUTH_CLOCK_SKEW: 'Synchronise the gateway host clock with NTP.',
  NET_CONNECTION_REFUSED: 'Check the host and port in baseUrl and that egress to the processor is allowed; nothing listens there.',
  NET_DNS_FAILURE: 'Check the host name in baseUrl and the gateway\'s DNS resolver.',
  NET_CONNECT_TIMEOUT: 'Check egress firewalls, proxies and routes to the processor, and the processor status page.',
  NET_CONNECTION_RESET: 'Check proxies and load balancers between the gateway and the processor, and the processor status page; the gateway retries resets with the same idempotency key.',
  NET_CONNECTION_CLOSED: 'Check proxies and idle timeouts between the gateway and the processor, and the processor status page.',
  NET_RESPONSE_TIMEOUT: 'Check the processor status page; keep timeouts.responseMs bounded and rely on idempotent retries.',
  PROCESSOR_UNAVAILABLE: 'Check the processor status page; the gateway retries 5xx with the same idempotency key.',
  RATE_LIMITED: 'Lower the request rate or ask the processor for a higher limit; the gateway honours Retry-After.',
  PROCESSOR_BAD_RESPONSE: 'Compare the processor response with its API version and the profile schema, and escalate if the processor changed its API.',
  IDEMPOTENCY_CONFLICT: 'Wait for the first request with this idempotency key to finish before retrying.',
  IDEMPOTENCY_MISMATCH: 'Use a new idempotency key for a request with different parameters.',
  PAYMENT_DECLINED: 'Nothing to fix in the integration: a decline is the processor\'s business answer, so show it to the customer.',
  WEBHOOK_SIGNATURE_INVALID: 'Configure the webhook signing secret of this endpoint and environment, keeping the previous one during rotation.',
  WEBHOOK_TIMESTAMP_STALE: 'Synchronise the gateway clock with NTP and check for delayed webhook delivery.',
  WEBHOOK_REPLAYED: 'Nothing to fix if this is a redelivery: the gateway already processed the event.',
  WEBHOOK_MALFORMED: 'Check that the webhook endpoint receives the processor\'s raw body and headers unchanged (no proxy rewriting).',
} as const satisfies Record<ErrorCode, string>;

export function fixFor(code: ErrorCode): string {
  return fixes[code];
}
