import { expect, test } from '@playwright/test';
import type tls from 'node:tls';
import { spkiPin } from '../../../gateway/index.ts';
import { X509Certificate } from 'node:crypto';
import { bundle, cert, chain, closeAll, gateway, gatewayConfig, key, pay, pki, processorConfig, serverTls, tlsFake } from './helpers.ts';

test.afterEach(closeAll);

const pin = (id: string) => spkiPin(new X509Certificate(pki.read(cert(id))));
const clientCa = () => pki.read(cert('client-ca'));
const mtls = (extra: tls.TlsOptions = {}): tls.TlsOptions => serverTls('server-good', { requestCert: true, rejectUnauthorized: true, ca: clientCa(), ...extra });
const client = (id: string) => ({ certFile: cert(id), keyFile: key(id) });

/**
 * Each row: a tiny node:tls server presenting a real fault, the gateway's TLS config, and the code
 * the payment must fail with. The server counts application bytes: it must receive none (fail closed).
 */
type Row = { what: string; server: () => tls.TlsOptions; gateway?: () => Record<string, unknown>; code: string };
const rows: Row[] = [
  { what: 'expired leaf', server: () => serverTls('server-expired'), code: 'TLS_CERT_EXPIRED' },
  { what: 'leaf not yet valid', server: () => serverTls('server-not-yet-valid'), code: 'TLS_CERT_NOT_YET_VALID' },
  { what: 'leaf for another host', server: () => serverTls('server-wrong-host'), code: 'TLS_HOSTNAME_MISMATCH' },
  { what: 'servername that the leaf does not name', server: () => serverTls('server-good'), gateway: () => ({ servername: 'api.elsewhere.test' }), code: 'TLS_HOSTNAME_MISMATCH' },
  { what: 'self-signed leaf', server: () => serverTls('server-self-signed'), code: 'TLS_SELF_SIGNED' },
  { what: 'untrusted root, root not sent', server: () => serverTls('server-untrusted'), code: 'TLS_UNTRUSTED_ROOT' },
  { what: 'untrusted root, root sent too', server: () => ({ key: pki.read(key('server-untrusted')), cert: `${pki.read(chain('server-untrusted'))}\n${pki.read(cert('rogue-root'))}` }), code: 'TLS_UNTRUSTED_ROOT' },
  { what: 'wrong CA bundle', server: () => serverTls('server-good'), gateway: () => ({ caFile: bundle('trust-rogue') }), code: 'TLS_UNTRUSTED_ROOT' },
  { what: 'no CA bundle (Node roots only)', server: () => serverTls('server-good'), gateway: () => ({ caFile: undefined }), code: 'TLS_UNTRUSTED_ROOT' },
  { what: 'intermediate not served', server: () => ({ key: pki.read(key('server-good')), cert: pki.read(cert('server-good')) }), code: 'TLS_INCOMPLETE_CHAIN' },
  { what: 'clientAuth-only leaf', server: () => serverTls('server-client-eku'), code: 'TLS_CERT_WRONG_PURPOSE' },
  { what: 'SHA-1 signed leaf', server: () => serverTls('server-sha1', { ciphers: 'DEFAULT:@SECLEVEL=0' }), code: 'TLS_WEAK_SIGNATURE' },
  { what: 'RSA-1024 leaf (Node accepts it)', server: () => serverTls('server-rsa1024'), code: 'TLS_WEAK_KEY' },
  { what: 'leaf rotated under a leaf pin', server: () => serverTls('server-rotated'), gateway: () => ({ pins: [pin('server-good')] }), code: 'TLS_PIN_MISMATCH' },
  { what: 'server requires TLS 1.3, gateway capped at 1.2', server: () => serverTls('server-good', { minVersion: 'TLSv1.3' }), gateway: () => ({ maxVersion: 'TLSv1.2' }), code: 'TLS_PROTOCOL_VERSION' },
  { what: 'server speaks only TLS 1.0', server: () => serverTls('server-good', { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }), code: 'TLS_PROTOCOL_VERSION' },
  { what: 'no shared cipher', server: () => serverTls('server-good', { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' }), gateway: () => ({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' }), code: 'TLS_NO_SHARED_CIPHER' },
  { what: 'ALPN h2 only', server: () => serverTls('server-good', { ALPNProtocols: ['h2'] }), code: 'TLS_ALPN_MISMATCH' },
  { what: 'mTLS 1.3, no client certificate (certificate_required)', server: () => mtls(), code: 'TLS_CLIENT_CERT_REQUIRED' },
  { what: 'mTLS 1.2, no client certificate (handshake_failure after key exchange)', server: () => mtls({ maxVersion: 'TLSv1.2' }), code: 'TLS_CLIENT_CERT_REQUIRED' },
  { what: 'mTLS 1.3, untrusted client certificate (closed, no alert)', server: () => mtls(), gateway: () => client('client-untrusted'), code: 'TLS_CLIENT_CERT_REJECTED' },
  { what: 'mTLS 1.2, untrusted client certificate (reset in the handshake)', server: () => mtls({ maxVersion: 'TLSv1.2' }), gateway: () => client('client-untrusted'), code: 'TLS_CLIENT_CERT_REJECTED' },
];

for (const row of rows) {
  test(`classify: ${row.what} -> ${row.code}, no byte sent`, async () => {
    const server = await tlsFake(row.server());
    const gw = await gateway(gatewayConfig([processorConfig(server.url, { tls: row.gateway?.() ?? {} })]));
    const reply = await pay(gw);
    expect(reply.body.error?.code, JSON.stringify(reply.body)).toBe(row.code);
    expect(reply.status).toBe(502);
    expect(reply.body.error.retryable).toBe(false);
    expect(server.received.bytes).toBe(0);
  });
}

test('classify: a pin on the issuing CA survives a leaf rotation', async () => {
  const server = await tlsFake(serverTls('server-rotated'), (socket) => {
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 95\r\n\r\n{"id":"pi_1","object":"payment_intent","amount":1000,"currency":"eur","status":"succeeded"}    '));
  });
  const gw = await gateway(gatewayConfig([processorConfig(server.url, { tls: { pins: [pin('intermediate-ca')] } })]));
  const reply = await pay(gw);
  expect(reply.status).toBe(201);
});
