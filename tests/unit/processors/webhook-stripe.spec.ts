import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { profiles } from '../../../mocks/processors/index.ts';

const signer = profiles.stripe.webhooks!;
const event = { id: 'evt_gatecheck_1', type: 'payment_intent.succeeded', payload: { id: 'pi_123', object: 'payment_intent', amount: 1000 } };
const at = new Date('2030-01-01T00:00:00Z');

/** Stripe-Signature as a gateway reads it: t and every v1. */
function parse(header: string) {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  return { t: Number(parts.find(([k]) => k === 't')![1]), v1: parts.filter(([k]) => k === 'v1').map(([, v]) => v) };
}
const hmac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

test('stripe: Stripe-Signature is t=<unix>,v1=HMAC-SHA256(secret, "t.body") with whsec_gatecheck_test', () => {
  const signed = signer.sign(event, { at });
  expect(signed.eventId).toBe(event.id);
  expect(signed.headers['content-type']).toBe('application/json');
  const sig = parse(signed.headers['stripe-signature']!);
  expect(sig.t).toBe(at.getTime() / 1000);
  expect(sig.v1).toEqual([hmac('whsec_gatecheck_test', sig.t, signed.body)]);
  expect(JSON.parse(signed.body)).toEqual({ id: event.id, object: 'event', type: event.type, created: sig.t, livemode: false, data: { object: event.payload } });
});

test('stripe: the gateway is given the current secret', () => {
  expect(signer.secrets).toEqual({ secrets: ['whsec_gatecheck_test'] });
});

test('stripe: without `at` the timestamp is now', () => {
  const sig = parse(signer.sign(event).headers['stripe-signature']!);
  expect(Math.abs(sig.t - Date.now() / 1000)).toBeLessThan(5);
});

test('stripe: extraSecrets add one v1 per secret, as during a rotation', () => {
  const signed = signer.sign(event, { at, extraSecrets: ['whsec_gatecheck_next'] });
  const sig = parse(signed.headers['stripe-signature']!);
  expect(sig.v1).toEqual([hmac('whsec_gatecheck_test', sig.t, signed.body), hmac('whsec_gatecheck_next', sig.t, signed.body)]);
});

test('stripe: `secret` signs with another secret, which the configured one does not verify', () => {
  const signed = signer.sign(event, { at, secret: 'whsec_wrong' });
  const sig = parse(signed.headers['stripe-signature']!);
  expect(sig.v1).toEqual([hmac('whsec_wrong', sig.t, signed.body)]);
  expect(sig.v1).not.toContain(hmac('whsec_gatecheck_test', sig.t, signed.body));
});

test('stripe: a stale `at` is signed as given (the gateway must reject it by its 300 s tolerance)', () => {
  const stale = new Date(Date.now() - 301_000);
  const signed = signer.sign(event, { at: stale });
  const sig = parse(signed.headers['stripe-signature']!);
  expect(sig.t).toBe(Math.floor(stale.getTime() / 1000));
  expect(sig.v1[0]).toBe(hmac('whsec_gatecheck_test', sig.t, signed.body));
});
