import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { profiles } from '../../../mocks/processors/index.ts';
import { loadPki } from '../../../mocks/pki/load.ts';

const signer = profiles.paypal.webhooks!;
const pki = loadPki();
const goodCert = new X509Certificate(readFileSync(pki.certPath('server-good')));
const event = { id: 'WH-EVT-1', type: 'PAYMENT.CAPTURE.COMPLETED', payload: { id: 'CAPTURE123', status: 'COMPLETED' } };
const at = new Date('2030-01-01T00:00:00Z');

/** What a gateway verifies, written out independently with zlib's CRC-32. */
function verifies(headers: Record<string, string>, body: string, publicKey = goodCert.publicKey, webhookId = 'WH-GATECHECK-1'): boolean {
  const signed = `${headers['paypal-transmission-id']}|${headers['paypal-transmission-time']}|${webhookId}|${crc32(body) >>> 0}`;
  return verify('sha256', Buffer.from(signed), publicKey, Buffer.from(headers['paypal-transmission-sig']!, 'base64'));
}

test('paypal: the transmission signature verifies with certs/server-good.pem over id|time|webhookId|crc32(body)', () => {
  const signed = signer.sign(event, { at });
  expect(signed.headers).toMatchObject({
    'content-type': 'application/json',
    'paypal-transmission-time': at.toISOString(),
    'paypal-auth-algo': 'SHA256withECDSA',
    'paypal-cert-url': expect.stringMatching(/^https:\/\//),
  });
  expect(signed.headers['paypal-transmission-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(verifies(signed.headers, signed.body)).toBe(true);
  expect(JSON.parse(signed.body)).toMatchObject({ id: event.id, event_type: event.type, resource: event.payload });
  expect(signed.eventId).toBe(event.id);
});

test('paypal: the signature covers the body, the webhook id and the time', () => {
  const signed = signer.sign(event, { at });
  expect(verifies(signed.headers, `${signed.body} `)).toBe(false);
  expect(verifies(signed.headers, signed.body, goodCert.publicKey, 'WH-OTHER')).toBe(false);
  expect(verifies({ ...signed.headers, 'paypal-transmission-time': new Date().toISOString() }, signed.body)).toBe(false);
});

test('paypal: the gateway is given the webhook id and the signing certificate file', () => {
  expect(signer.secrets).toEqual({ webhookId: 'WH-GATECHECK-1', certFile: pki.certPath('server-good') });
});

test('paypal: `secret` names another PKI key, which server-good.pem does not verify', () => {
  const signed = signer.sign(event, { at, secret: 'server-rotated' });
  expect(verifies(signed.headers, signed.body)).toBe(false);
  expect(verifies(signed.headers, signed.body, createPublicKey(readFileSync(pki.certPath('server-rotated'))))).toBe(true);
});

test('paypal: an RSA key is announced as SHA256withRSA', () => {
  const signed = signer.sign(event, { at, secret: 'server-rsa1024' });
  expect(signed.headers['paypal-auth-algo']).toBe('SHA256withRSA');
  expect(verifies(signed.headers, signed.body, createPublicKey(readFileSync(pki.certPath('server-rsa1024'))))).toBe(true);
});

test('paypal: one signature only, so extraSecrets is refused', () => {
  expect(() => signer.sign(event, { extraSecrets: ['server-rotated'] })).toThrow('gatecheck: paypal webhooks carry one signature; extraSecrets does not apply');
});
