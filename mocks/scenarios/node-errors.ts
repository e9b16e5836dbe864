import type { ErrorCode } from './codes.ts';

/**
 * What a Node client (fetch with an undici Agent, or node:https) reports for each code, from
 * docs/tls-facts.md (measured on Node 20 / OpenSSL 3.0). Strings match `err.code` (or a cause's
 * code); regular expressions match the message. `GATECHECK_*` are the client-side policy checks
 * Node does not do itself (pins, key size).
 */
export const nodeErrorsFor: Partial<Record<ErrorCode, (string | RegExp)[]>> = {
  TLS_CERT_EXPIRED: ['CERT_HAS_EXPIRED'],
  TLS_CERT_NOT_YET_VALID: ['CERT_NOT_YET_VALID'],
  TLS_HOSTNAME_MISMATCH: ['ERR_TLS_CERT_ALTNAME_INVALID'],
  TLS_SELF_SIGNED: ['DEPTH_ZERO_SELF_SIGNED_CERT'],
  TLS_UNTRUSTED_ROOT: ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT'],
  TLS_INCOMPLETE_CHAIN: ['UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  TLS_CERT_WRONG_PURPOSE: ['INVALID_PURPOSE'],
  TLS_WEAK_SIGNATURE: ['CA_MD_TOO_WEAK', /digest algorithm too weak/],
  TLS_WEAK_KEY: ['GATECHECK_WEAK_KEY', 'EE_KEY_TOO_SMALL'],
  TLS_PIN_MISMATCH: ['GATECHECK_PIN_MISMATCH'],
  TLS_PROTOCOL_VERSION: ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'ERR_SSL_UNSUPPORTED_PROTOCOL', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE'],
  TLS_NO_SHARED_CIPHER: ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'ERR_SSL_NO_SHARED_CIPHER'],
  TLS_ALPN_MISMATCH: ['ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL'],
  TLS_NOT_TLS: ['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG'],
  TLS_HANDSHAKE_TIMEOUT: ['UND_ERR_CONNECT_TIMEOUT', 'GATECHECK_HANDSHAKE_TIMEOUT'],
  // undici drops the TLS 1.3 certificate_required alert and reports the closed socket.
  TLS_CLIENT_CERT_REQUIRED: ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'UND_ERR_SOCKET', /No required SSL certificate was sent/],
  TLS_CLIENT_CERT_REJECTED: [
    'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
    'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'ECONNRESET', 'UND_ERR_SOCKET', /The SSL certificate error/,
  ],
  CONFIG_CLIENT_CERT_EXPIRED: ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'ECONNRESET', 'UND_ERR_SOCKET'],
  CONFIG_CLIENT_KEY_MISMATCH: ['ERR_OSSL_X509_KEY_VALUES_MISMATCH'],
  CONFIG_CLIENT_KEY_PASSPHRASE: ['ERR_OSSL_BAD_DECRYPT', /bad decrypt|interrupted or cancelled|bad password/],
};

/** Whether an observed Node error (code and message) is one that `code` stands for. */
export function nodeErrorMatches(code: ErrorCode, observed: { code: string | null; message: string }): boolean {
  return (nodeErrorsFor[code] ?? []).some((m) => (typeof m === 'string' ? observed.code === m : m.test(observed.message)));
}
