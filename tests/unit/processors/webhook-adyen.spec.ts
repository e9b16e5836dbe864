import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { profiles } from '../../../mocks/processors/index.ts';

const signer = profiles.adyen.webhooks!;
const KEY = '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
const at = new Date('2030-01-01T00:00:00Z');

type Item = {
  pspReference: string; originalReference?: string; merchantAccountCode: string; merchantReference: string;
  amount: { value: number; currency: string }; eventCode: string; success: string; eventDate: string;
  additionalData: { hmacSignature: string };
};

const item = (body: string) => (JSON.parse(body) as { notificationItems: [{ NotificationRequestItem: Item }] }).notificationItems[0].NotificationRequestItem;

/** Adyen's recipe, written out independently: base64 HMAC-SHA256 with the hex-decoded key. */
function expected(i: Item, hexKey = KEY): string {
  const data = `${i.pspReference}:${i.originalReference ?? ''}:${i.merchantAccountCode}:${i.merchantReference}:${i.amount.value}:${i.amount.currency}:${i.eventCode}:${i.success}`;
  return createHmac('sha256', Buffer.from(hexKey, 'hex')).update(data, 'utf8').digest('base64');
}

test('adyen: hmacSignature is base64 HMAC-SHA256 over the colon-joined fields with the hex key', () => {
  const signed = signer.sign({ id: 'PSP0000000000001', type: 'AUTHORISATION', payload: { merchantReference: 'order-42', amount: { value: 1234, currency: 'EUR' } } }, { at });
  const body = JSON.parse(signed.body);
  expect(body.live).toBe('false');
  const i = item(signed.body);
  expect(i).toMatchObject({ pspReference: 'PSP0000000000001', merchantAccountCode: 'GatecheckECOM', merchantReference: 'order-42', amount: { value: 1234, currency: 'EUR' }, eventCode: 'AUTHORISATION', success: 'true', eventDate: at.toISOString() });
  expect(i).not.toHaveProperty('originalReference');
  expect(i.additionalData.hmacSignature).toBe(expected(i));
  expect(signed.eventId).toBe('PSP0000000000001:AUTHORISATION');
});

test('adyen: originalReference and success are signed when present', () => {
  const signed = signer.sign({ id: 'PSP0000000000002', type: 'REFUND', payload: { originalReference: 'PSP0000000000001', success: 'false' } });
  const i = item(signed.body);
  expect(i.originalReference).toBe('PSP0000000000001');
  expect(i.success).toBe('false');
  expect(i.additionalData.hmacSignature).toBe(expected(i));
});

test('adyen: the gateway is given the hex HMAC key', () => {
  expect(signer.secrets).toEqual({ hmacKey: KEY });
});

test('adyen: `secret` signs with another key, which the configured key does not verify', () => {
  const other = 'FF'.repeat(32);
  const i = item(signer.sign({ id: 'PSP0000000000003', type: 'AUTHORISATION', payload: {} }, { secret: other }).body);
  expect(i.additionalData.hmacSignature).toBe(expected(i, other));
  expect(i.additionalData.hmacSignature).not.toBe(expected(i));
});

test('adyen: one signature only, so extraSecrets is refused', () => {
  expect(() => signer.sign({ id: 'PSP0000000000004', type: 'AUTHORISATION', payload: {} }, { extraSecrets: ['00'] })).toThrow('gatecheck: adyen notifications carry one HMAC signature; extraSecrets does not apply');
});
