import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { RunningGateway } from '../../../gateway/index.ts';
import { getProfile } from '../../../mocks/processors/index.ts';
import type { SignedWebhook } from '../../../mocks/processors/profile.ts';
import { closeAll, gateway, gatewayConfig, processorConfig } from './helpers.ts';

test.afterEach(closeAll);

const URL = 'https://localhost:9';
const stripe = getProfile('stripe').webhooks!;
const adyen = getProfile('adyen').webhooks!;
const paypal = getProfile('paypal').webhooks!;
const NEXT = 'whsec_gatecheck_next';

async function hooks(stripeSecrets = stripe.secrets.secrets as string[]): Promise<RunningGateway> {
  return gateway(gatewayConfig([
    processorConfig(URL, { name: 'stripe-main', webhooks: { secrets: stripeSecrets } }),
    processorConfig(URL, { name: 'adyen-main', profile: 'adyen', credentials: { apiKey: 'AQE_gatecheck_test_key' }, webhooks: adyen.secrets }),
    processorConfig(URL, { name: 'paypal-main', profile: 'paypal', credentials: { clientId: 'id', clientSecret: 'secret-value' }, webhooks: paypal.secrets }),
  ]));
}

async function deliver(gw: RunningGateway, processor: string, hook: Pick<SignedWebhook, 'headers' | 'body'>) {
  const res = await fetch(`${gw.url}/webhooks/${processor}`, { method: 'POST', headers: hook.headers, body: hook.body });
  const text = await res.text();
  return { status: res.status, text, code: text.startsWith('{') ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined };
}

const event = (id: string) => ({ id, type: 'payment_intent.succeeded', payload: { id: 'pi_1', amount: 1000 } });
const tamper = (hook: SignedWebhook): SignedWebhook => ({ ...hook, body: hook.body.replace('1000', '9000') });
const MINUTES = 60_000;

test('webhook stripe: valid delivery accepted', async () => {
  const gw = await hooks();
  expect(await deliver(gw, 'stripe-main', stripe.sign(event('evt_valid')))).toMatchObject({ status: 200, text: '{"received":true}' });
});

const stripeRejections: [string, () => Pick<SignedWebhook, 'headers' | 'body'>, number, string][] = [
  ['tampered body', () => tamper(stripe.sign(event('evt_tampered'))), 400, 'WEBHOOK_SIGNATURE_INVALID'],
  ['signed with another secret', () => stripe.sign(event('evt_other'), { secret: 'whsec_not_ours' }), 400, 'WEBHOOK_SIGNATURE_INVALID'],
  ['timestamp 10 minutes old', () => stripe.sign(event('evt_old'), { at: new Date(Date.now() - 10 * MINUTES) }), 400, 'WEBHOOK_TIMESTAMP_STALE'],
  ['timestamp 10 minutes ahead', () => stripe.sign(event('evt_future'), { at: new Date(Date.now() + 10 * MINUTES) }), 400, 'WEBHOOK_TIMESTAMP_STALE'],
  ['no Stripe-Signature header', () => ({ headers: { 'content-type': 'application/json' }, body: '{"id":"evt_1","type":"x"}' }), 400, 'WEBHOOK_MALFORMED'],
  ['signature header without v1', () => ({ headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)}` }, body: '{}' }), 400, 'WEBHOOK_MALFORMED'],
  ['signed, but not an event', () => {
    const t = Math.floor(Date.now() / 1000);
    const body = 'not json';
    return { headers: { 'stripe-signature': `t=${t},v1=${createHmac('sha256', 'whsec_gatecheck_test').update(`${t}.${body}`).digest('hex')}` }, body };
  }, 400, 'WEBHOOK_MALFORMED'],
];

for (const [what, hook, status, code] of stripeRejections) {
  test(`webhook stripe: ${what} -> ${code}`, async () => {
    const gw = await hooks();
    expect(await deliver(gw, 'stripe-main', hook())).toMatchObject({ status, code });
    expect(gw.logs().find((l) => l.code === code)?.msg).toMatch(/^webhook rejected/);
  });
}

test('webhook stripe: the same event delivered twice -> WEBHOOK_REPLAYED', async () => {
  const gw = await hooks();
  const hook = stripe.sign(event('evt_twice'));
  expect((await deliver(gw, 'stripe-main', hook)).status).toBe(200);
  expect(await deliver(gw, 'stripe-main', hook)).toMatchObject({ status: 409, code: 'WEBHOOK_REPLAYED' });
  // Re-signed later with a fresh timestamp: still the same event id, still a replay.
  expect(await deliver(gw, 'stripe-main', stripe.sign(event('evt_twice')))).toMatchObject({ status: 409, code: 'WEBHOOK_REPLAYED' });
});

test('webhook stripe: secret rotation, two v1 signatures, the gateway knows only the new secret', async () => {
  const gw = await hooks([NEXT]);
  expect((await deliver(gw, 'stripe-main', stripe.sign(event('evt_rotated'), { extraSecrets: [NEXT] }))).status).toBe(200);
  expect((await deliver(gw, 'stripe-main', stripe.sign(event('evt_old_only')))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
});

test('webhook stripe: secret rotation, the gateway knows both secrets', async () => {
  const gw = await hooks(['whsec_gatecheck_test', NEXT]);
  expect((await deliver(gw, 'stripe-main', stripe.sign(event('evt_a')))).status).toBe(200);
  expect((await deliver(gw, 'stripe-main', stripe.sign(event('evt_b'), { secret: NEXT }))).status).toBe(200);
});

test('webhook adyen: valid notification answered [accepted], then a replay refused', async () => {
  const gw = await hooks();
  const hook = adyen.sign({ id: 'PSP0000000000001', type: 'AUTHORISATION', payload: { merchantReference: 'order-1' } });
  expect(await deliver(gw, 'adyen-main', hook)).toMatchObject({ status: 200, text: '[accepted]' });
  expect(await deliver(gw, 'adyen-main', hook)).toMatchObject({ status: 409, code: 'WEBHOOK_REPLAYED' });
  // Another event code for the same payment is a new event.
  expect((await deliver(gw, 'adyen-main', adyen.sign({ id: 'PSP0000000000001', type: 'CAPTURE', payload: {} }))).status).toBe(200);
});

const adyenRejections: [string, () => Pick<SignedWebhook, 'headers' | 'body'>, string][] = [
  ['amount changed after signing', () => {
    const hook = adyen.sign({ id: 'PSP0000000000003', type: 'AUTHORISATION', payload: { amount: { value: 1000, currency: 'EUR' } } });
    return { ...hook, body: hook.body.replace('"value":1000', '"value":1') };
  }, 'WEBHOOK_SIGNATURE_INVALID'],
  ['signed with another key', () => adyen.sign({ id: 'PSP0000000000004', type: 'AUTHORISATION', payload: {} }, { secret: 'AA'.repeat(32) }), 'WEBHOOK_SIGNATURE_INVALID'],
  ['not a notification', () => ({ headers: { 'content-type': 'application/json' }, body: '{"live":"false"}' }), 'WEBHOOK_MALFORMED'],
];

for (const [what, hook, code] of adyenRejections) {
  test(`webhook adyen: ${what} -> ${code}`, async () => {
    const gw = await hooks();
    expect((await deliver(gw, 'adyen-main', hook())).code).toBe(code);
  });
}

test('webhook paypal: valid, tampered, stale, wrong signing key, replay', async () => {
  const gw = await hooks();
  const hook = paypal.sign(event('WH-EVT-1'));
  expect(await deliver(gw, 'paypal-main', hook)).toMatchObject({ status: 200 });
  expect((await deliver(gw, 'paypal-main', hook)).code).toBe('WEBHOOK_REPLAYED');
  expect((await deliver(gw, 'paypal-main', tamper(paypal.sign(event('WH-EVT-2'))))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  expect((await deliver(gw, 'paypal-main', paypal.sign(event('WH-EVT-3'), { at: new Date(Date.now() - 10 * MINUTES) }))).code).toBe('WEBHOOK_TIMESTAMP_STALE');
  expect((await deliver(gw, 'paypal-main', paypal.sign(event('WH-EVT-4'), { secret: 'server-rotated' }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  const { 'paypal-transmission-sig': _dropped, ...unsigned } = paypal.sign(event('WH-EVT-5')).headers;
  expect((await deliver(gw, 'paypal-main', { headers: unsigned, body: '{}' })).code).toBe('WEBHOOK_MALFORMED');
});

test('webhook: an unknown processor name is 404', async () => {
  const gw = await hooks();
  expect((await deliver(gw, 'nobody', stripe.sign(event('evt_x')))).status).toBe(404);
});
