import { isGatewayCode, type GatewayCode } from './errors.ts';

/**
 * Turns what Node and OpenSSL report into the most specific code. Pure: the caller says what it
 * knows about the connection, because the same error means different things at different moments
 * (a reset during a handshake in which we sent a client certificate is a rejected certificate;
 * a reset while reading a response is a reset).
 */
export type ClassifyContext = {
  /** Where the connection was when it failed. */
  phase: 'connect' | 'handshake' | 'request' | 'response';
  /** The server answered our ClientHello and key exchange began (Node 'keylog' fired). */
  keyExchangeSeen: boolean;
  /** The gateway is configured with a client certificate for this processor. */
  clientCertConfigured: boolean;
  /** This connection was opened for this request (not a reused keep-alive connection). */
  freshConnection: boolean;
  /** At least one byte of the HTTP response arrived. */
  responseStarted: boolean;
  /** How the socket ended, when seen: an RST (error ECONNRESET) or a FIN. */
  socketEnd?: 'reset' | 'fin' | undefined;
};

export type Classification = { code: GatewayCode; reason: string };

/** An error that already carries its code (timeouts and policy checks raised by the gateway). */
export type CodedError = Error & { gatewayCode: GatewayCode };

export function codedError(code: GatewayCode, message: string): CodedError {
  return Object.assign(new Error(message), { gatewayCode: code });
}

const byNodeCode: Record<string, GatewayCode> = {
  CERT_HAS_EXPIRED: 'TLS_CERT_EXPIRED',
  CRL_HAS_EXPIRED: 'TLS_CERT_EXPIRED',
  CERT_NOT_YET_VALID: 'TLS_CERT_NOT_YET_VALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS_HOSTNAME_MISMATCH',
  HOSTNAME_MISMATCH: 'TLS_HOSTNAME_MISMATCH',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS_SELF_SIGNED',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS_UNTRUSTED_ROOT',
  UNABLE_TO_GET_ISSUER_CERT: 'TLS_UNTRUSTED_ROOT',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS_UNTRUSTED_ROOT',
  CERT_UNTRUSTED: 'TLS_UNTRUSTED_ROOT',
  CERT_REJECTED: 'TLS_UNTRUSTED_ROOT',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS_INCOMPLETE_CHAIN',
  INVALID_PURPOSE: 'TLS_CERT_WRONG_PURPOSE',
  ERR_SSL_CA_MD_TOO_WEAK: 'TLS_WEAK_SIGNATURE',
  ERR_SSL_EE_KEY_TOO_SMALL: 'TLS_WEAK_KEY',
  ERR_SSL_CA_KEY_TOO_SMALL: 'TLS_WEAK_KEY',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS_NOT_TLS',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'TLS_NOT_TLS',
  ERR_SSL_HTTP_REQUEST: 'TLS_NOT_TLS',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'TLS_PROTOCOL_VERSION',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'TLS_PROTOCOL_VERSION',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: 'TLS_PROTOCOL_VERSION',
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: 'TLS_ALPN_MISMATCH',
  ERR_SSL_NO_SHARED_CIPHER: 'TLS_NO_SHARED_CIPHER',
  ERR_SSL_NO_CIPHERS_AVAILABLE: 'TLS_NO_SHARED_CIPHER',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'TLS_CLIENT_CERT_REQUIRED',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'TLS_CLIENT_CERT_REJECTED',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'TLS_CLIENT_CERT_REJECTED',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'TLS_CLIENT_CERT_REJECTED',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'TLS_CLIENT_CERT_REJECTED',
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: 'TLS_CLIENT_CERT_REJECTED',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED: 'TLS_CLIENT_CERT_REJECTED',
  ECONNREFUSED: 'NET_CONNECTION_REFUSED',
  EHOSTUNREACH: 'NET_CONNECTION_REFUSED',
  ENETUNREACH: 'NET_CONNECTION_REFUSED',
  ENOTFOUND: 'NET_DNS_FAILURE',
  EAI_AGAIN: 'NET_DNS_FAILURE',
  EAI_FAIL: 'NET_DNS_FAILURE',
  EAI_NODATA: 'NET_DNS_FAILURE',
  EAI_NONAME: 'NET_DNS_FAILURE',
  ETIMEDOUT: 'NET_CONNECT_TIMEOUT',
};

/** OpenSSL reasons as they appear in messages (node:https gives EPROTO with the reason in the text). */
const byMessage: [RegExp, GatewayCode][] = [
  [/digest algorithm too weak|md too weak/i, 'TLS_WEAK_SIGNATURE'],
  [/key too (weak|small)/i, 'TLS_WEAK_KEY'],
  [/alert protocol version|unsupported protocol|no protocols available|version too low|wrong ssl version/i, 'TLS_PROTOCOL_VERSION'],
  [/alert no application protocol/i, 'TLS_ALPN_MISMATCH'],
  [/alert certificate required|peer did not return a certificate/i, 'TLS_CLIENT_CERT_REQUIRED'],
  [/alert (unknown ca|certificate expired|bad certificate|certificate unknown|unsupported certificate|certificate revoked)/i, 'TLS_CLIENT_CERT_REJECTED'],
  [/no shared cipher|no ciphers available|no cipher match/i, 'TLS_NO_SHARED_CIPHER'],
  [/wrong version number|packet length too long|http request|unknown protocol|record layer failure/i, 'TLS_NOT_TLS'],
];

function describe(err: unknown): { code: string; message: string; reason: string } {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; reason?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : '',
    message: typeof e.message === 'string' ? e.message : String(err),
    reason: typeof e.reason === 'string' ? e.reason : '',
  };
}

export function classifyError(err: unknown, context: ClassifyContext): Classification {
  const coded = (err as Partial<CodedError> | null)?.gatewayCode;
  if (isGatewayCode(coded)) return { code: coded, reason: (err as Error).message };
  const { code, message, reason } = describe(err);
  const text = `${reason} ${message}`;
  const detail = reason || code || message.split('\n')[0]!.slice(0, 120);

  const mapped = byNodeCode[code];
  if (mapped) return { code: mapped, reason: detail };
  // Node's HTTP parser: the bytes after a good handshake are not an HTTP response.
  if (code.startsWith('HPE_')) return { code: 'PROCESSOR_BAD_RESPONSE', reason: detail };

  // A handshake_failure alert is ambiguous: no common cipher (the server gave up on our
  // ClientHello) or, once key exchange began, the server wanted a client certificate.
  if (/alert handshake failure/i.test(text) || code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE') {
    if (!context.keyExchangeSeen) return { code: 'TLS_NO_SHARED_CIPHER', reason: detail };
    return { code: context.clientCertConfigured ? 'TLS_CLIENT_CERT_REJECTED' : 'TLS_CLIENT_CERT_REQUIRED', reason: detail };
  }
  for (const [pattern, mappedByMessage] of byMessage) if (pattern.test(text)) return { code: mappedByMessage, reason: detail };

  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|disconnected before secure|aborted|premature close/i.test(message)) {
    // Node's TLS server checks client certificates after the handshake and closes without an
    // alert: a connection that dies after a handshake in which we offered a certificate, before
    // any response byte, is the processor rejecting that certificate.
    const afterKeyExchange = context.phase === 'handshake' ? context.keyExchangeSeen : context.freshConnection;
    if (context.clientCertConfigured && afterKeyExchange && !context.responseStarted) {
      return { code: 'TLS_CLIENT_CERT_REJECTED', reason: `${detail} right after a handshake with a client certificate` };
    }
    if (context.socketEnd === 'reset') return { code: 'NET_CONNECTION_RESET', reason: detail };
    if (context.socketEnd === 'fin' || /socket hang up|disconnected before secure|premature close/i.test(message)) {
      return { code: 'NET_CONNECTION_CLOSED', reason: detail };
    }
    return { code: code === 'ECONNRESET' ? 'NET_CONNECTION_RESET' : 'NET_CONNECTION_CLOSED', reason: detail };
  }

  if (/^ERR_(SSL|TLS)_/.test(code) || /SSL routines|tls|certificate/i.test(text) || context.phase === 'handshake') {
    return { code: 'TLS_HANDSHAKE_FAILED', reason: detail };
  }
  return { code: 'NET_CONNECTION_CLOSED', reason: detail };
}

/**
 * HTTP answers that are not the processor's API but the TLS front in front of it: nginx with
 * `ssl_verify_client on` completes the handshake and answers 400 (or its internal 495/496).
 */
export function classifyTlsFrontResponse(status: number, body: string): GatewayCode | null {
  if (status === 496 || (status === 400 && /No required SSL certificate was sent/i.test(body))) return 'TLS_CLIENT_CERT_REQUIRED';
  if (status === 495 || (status === 400 && /The SSL certificate error/i.test(body))) return 'TLS_CLIENT_CERT_REJECTED';
  return null;
}

/** The code for an HTTP status when the profile's own error parsing found nothing more specific. */
export function classifyHttpStatus(status: number): GatewayCode {
  if (status === 401) return 'AUTH_REJECTED';
  if (status === 403) return 'AUTH_FORBIDDEN';
  if (status === 409) return 'IDEMPOTENCY_CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'PROCESSOR_UNAVAILABLE';
  return 'PROCESSOR_BAD_RESPONSE';
}
