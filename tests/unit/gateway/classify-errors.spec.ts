import { expect, test } from '@playwright/test';
import { codedError, type ClassifyContext } from '../../../gateway/classify.ts';
import { classifyError, classifyHttpStatus, classifyTlsFrontResponse } from '../../../gateway/index.ts';

/** The classifier alone, on errors shaped as Node and OpenSSL report them (docs/tls-facts.md). */
const err = (code: string, message = code, reason?: string) => Object.assign(new Error(message), { code, ...(reason ? { reason } : {}) });
const ctx = (over: Partial<ClassifyContext> = {}): ClassifyContext => ({ phase: 'handshake', keyExchangeSeen: false, clientCertConfigured: false, freshConnection: true, responseStarted: false, ...over });

const rows: [string, unknown, ClassifyContext, string][] = [
  ['CERT_HAS_EXPIRED', err('CERT_HAS_EXPIRED', 'certificate has expired'), ctx(), 'TLS_CERT_EXPIRED'],
  ['CERT_NOT_YET_VALID', err('CERT_NOT_YET_VALID'), ctx(), 'TLS_CERT_NOT_YET_VALID'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', err('ERR_TLS_CERT_ALTNAME_INVALID'), ctx(), 'TLS_HOSTNAME_MISMATCH'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', err('DEPTH_ZERO_SELF_SIGNED_CERT'), ctx(), 'TLS_SELF_SIGNED'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', err('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), ctx(), 'TLS_UNTRUSTED_ROOT'],
  ['SELF_SIGNED_CERT_IN_CHAIN', err('SELF_SIGNED_CERT_IN_CHAIN'), ctx(), 'TLS_UNTRUSTED_ROOT'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', err('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), ctx(), 'TLS_INCOMPLETE_CHAIN'],
  ['INVALID_PURPOSE', err('INVALID_PURPOSE'), ctx(), 'TLS_CERT_WRONG_PURPOSE'],
  ['UNSPECIFIED "CA signature digest algorithm too weak"', err('UNSPECIFIED', 'CA signature digest algorithm too weak'), ctx(), 'TLS_WEAK_SIGNATURE'],
  ['EE certificate key too weak', err('ERR_SSL_EE_KEY_TOO_SMALL', 'ee key too small'), ctx(), 'TLS_WEAK_KEY'],
  ['fetch-style protocol version alert', err('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'), ctx(), 'TLS_PROTOCOL_VERSION'],
  ['node:https EPROTO with the version alert in the message', err('EPROTO', 'C0:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version'), ctx(), 'TLS_PROTOCOL_VERSION'],
  ['local "unsupported protocol"', err('ERR_SSL_UNSUPPORTED_PROTOCOL', 'unsupported protocol'), ctx(), 'TLS_PROTOCOL_VERSION'],
  ['handshake_failure before key exchange', err('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'sslv3 alert handshake failure'), ctx(), 'TLS_NO_SHARED_CIPHER'],
  ['EPROTO handshake_failure before key exchange', err('EPROTO', 'SSL routines:ssl3_read_bytes:sslv3 alert handshake failure'), ctx(), 'TLS_NO_SHARED_CIPHER'],
  ['handshake_failure after key exchange, no client cert', err('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), ctx({ keyExchangeSeen: true }), 'TLS_CLIENT_CERT_REQUIRED'],
  ['handshake_failure after key exchange, client cert sent', err('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), ctx({ keyExchangeSeen: true, clientCertConfigured: true }), 'TLS_CLIENT_CERT_REJECTED'],
  ['ALPN no_application_protocol', err('ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL'), ctx(), 'TLS_ALPN_MISMATCH'],
  ['wrong version number', err('ERR_SSL_WRONG_VERSION_NUMBER'), ctx(), 'TLS_NOT_TLS'],
  ['packet length too long', err('EPROTO', 'SSL routines:ssl3_get_record:packet length too long'), ctx(), 'TLS_NOT_TLS'],
  ['TLS 1.3 certificate_required', err('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), ctx({ phase: 'request' }), 'TLS_CLIENT_CERT_REQUIRED'],
  ['alert unknown ca', err('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA'), ctx({ clientCertConfigured: true }), 'TLS_CLIENT_CERT_REJECTED'],
  ['EPROTO alert certificate expired', err('EPROTO', 'SSL routines:ssl3_read_bytes:sslv3 alert certificate expired'), ctx({ clientCertConfigured: true }), 'TLS_CLIENT_CERT_REJECTED'],
  ['alert bad certificate', err('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE'), ctx({ clientCertConfigured: true }), 'TLS_CLIENT_CERT_REJECTED'],
  ['reset in a handshake where we offered a client cert', err('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established'), ctx({ keyExchangeSeen: true, clientCertConfigured: true }), 'TLS_CLIENT_CERT_REJECTED'],
  ['hang up right after a handshake with a client cert', err('ECONNRESET', 'socket hang up'), ctx({ phase: 'request', keyExchangeSeen: true, clientCertConfigured: true }), 'TLS_CLIENT_CERT_REJECTED'],
  ['FIN before the handshake', err('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established'), ctx(), 'NET_CONNECTION_CLOSED'],
  ['RST at connect', err('ECONNRESET', 'read ECONNRESET'), ctx({ phase: 'connect' }), 'NET_CONNECTION_RESET'],
  ['RST while reading the body', err('ECONNRESET', 'aborted'), ctx({ phase: 'response', responseStarted: true, socketEnd: 'reset' }), 'NET_CONNECTION_RESET'],
  ['FIN while reading the body', err('ECONNRESET', 'aborted'), ctx({ phase: 'response', responseStarted: true, socketEnd: 'fin' }), 'NET_CONNECTION_CLOSED'],
  ['socket hang up on a reused connection', err('ECONNRESET', 'socket hang up'), ctx({ phase: 'request', freshConnection: false, clientCertConfigured: true }), 'NET_CONNECTION_CLOSED'],
  ['ECONNREFUSED', err('ECONNREFUSED'), ctx({ phase: 'connect' }), 'NET_CONNECTION_REFUSED'],
  ['ENOTFOUND', err('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.invalid'), ctx({ phase: 'connect' }), 'NET_DNS_FAILURE'],
  ['EAI_AGAIN', err('EAI_AGAIN'), ctx({ phase: 'connect' }), 'NET_DNS_FAILURE'],
  ['ETIMEDOUT (kernel connect timeout)', err('ETIMEDOUT'), ctx({ phase: 'connect' }), 'NET_CONNECT_TIMEOUT'],
  ['the gateway connect timer', codedError('NET_CONNECT_TIMEOUT', 'TCP connect not done within 1000 ms'), ctx({ phase: 'connect' }), 'NET_CONNECT_TIMEOUT'],
  ['the gateway handshake timer', codedError('TLS_HANDSHAKE_TIMEOUT', 'not done'), ctx(), 'TLS_HANDSHAKE_TIMEOUT'],
  ['an unknown OpenSSL failure', err('ERR_SSL_SOMETHING_NEW', 'SSL routines:something new'), ctx(), 'TLS_HANDSHAKE_FAILED'],
];

for (const [what, error, context, code] of rows) {
  test(`classifyError: ${what} -> ${code}`, () => {
    expect(classifyError(error, context).code).toBe(code);
  });
}

test('classifyTlsFrontResponse: nginx client-certificate pages and statuses', () => {
  expect(classifyTlsFrontResponse(400, '<center>No required SSL certificate was sent</center>')).toBe('TLS_CLIENT_CERT_REQUIRED');
  expect(classifyTlsFrontResponse(400, '<center>The SSL certificate error</center>')).toBe('TLS_CLIENT_CERT_REJECTED');
  expect(classifyTlsFrontResponse(496, '')).toBe('TLS_CLIENT_CERT_REQUIRED');
  expect(classifyTlsFrontResponse(495, '')).toBe('TLS_CLIENT_CERT_REJECTED');
  expect(classifyTlsFrontResponse(400, '{"error":{"type":"invalid_request_error"}}')).toBeNull();
});

test('classifyHttpStatus: the status table', () => {
  expect([401, 403, 409, 429, 500, 502, 503, 200, 404].map(classifyHttpStatus)).toEqual([
    'AUTH_REJECTED', 'AUTH_FORBIDDEN', 'IDEMPOTENCY_CONFLICT', 'RATE_LIMITED', 'PROCESSOR_UNAVAILABLE', 'PROCESSOR_UNAVAILABLE', 'PROCESSOR_UNAVAILABLE', 'PROCESSOR_BAD_RESPONSE', 'PROCESSOR_BAD_RESPONSE',
  ]);
});
