import { expect, test } from '@playwright/test';
import { encodeForm } from '../../../mocks/processors/http.ts';
import { expectShape, Harness, NAMES, TEST_CARDS } from './harness.ts';

for (const name of NAMES) {
  test(`${name}: the same key and body replays the first approval and charges once`, async () => {
    const h = new Harness(name);
    const first = await h.pay({ key: 'key-replay' });
    const second = await h.pay({ key: 'key-replay' });

    expect(first.status, first.body).toBe(h.wire.approved);
    expect(second.status).toBe(first.status);
    expect(second.body).toBe(first.body);
    expectShape(h.profile.schemas.paymentResponse, second);
    expect(h.state.payments).toHaveLength(1);
    expect(h.state.payments[0]!.idempotencyKey).toBe('key-replay');
  });

  test(`${name}: a decline is replayed too, and committed once`, async () => {
    const h = new Harness(name);
    const first = await h.pay({ key: 'key-decline', card: TEST_CARDS.declinedInsufficientFunds });
    const second = await h.pay({ key: 'key-decline', card: TEST_CARDS.declinedInsufficientFunds });

    expect(second.status).toBe(h.wire.declined);
    expect(second.body).toBe(first.body);
    expectShape(h.profile.schemas.declineResponse, second);
    expect(h.state.payments.map((p) => p.outcome)).toEqual(['declined']);
  });

  test(`${name}: a 500 from processing is stored and replayed for the same key; a new key is charged`, async () => {
    const h = new Harness(name, { serverErrors: 1 });
    const first = await h.pay({ key: 'key-500' });
    const retry = await h.pay({ key: 'key-500' });

    expect(first.status).toBe(500);
    expectShape(h.profile.schemas.errorResponse, first);
    expect(retry.status).toBe(500);
    expect(retry.body).toBe(first.body);
    expect(h.state.payments).toHaveLength(0);

    const fresh = await h.pay({ key: 'key-after-500' });
    expect(fresh.status).toBe(h.wire.approved);
    expect(h.state.payments).toHaveLength(1);
  });

  test(`${name}: without an idempotency key every request is a new charge (what a double charge looks like)`, async () => {
    const h = new Harness(name);
    await h.pay();
    await h.pay();
    expect(h.state.payments).toHaveLength(2);
    expect(h.state.payments.map((p) => p.idempotencyKey)).toEqual([null, null]);
    expect(h.state.payments[0]!.id).not.toBe(h.state.payments[1]!.id);
  });

  test(`${name}: the same body in another encoding order is the same parameters`, async () => {
    const h = new Harness(name);
    const request = await h.request({ key: 'key-order' });
    const reordered = h.profile.decodeBody(request.body) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(reordered).reverse());
    const body = name === 'stripe' ? encodeForm(reversed) : JSON.stringify(reversed);
    expect(body).not.toBe(request.body);

    const first = await h.send(request);
    const second = await h.send({ ...request, body });
    expect(second.body).toBe(first.body);
    expect(h.state.payments).toHaveLength(1);
  });
}

test('stripe marks a replay with Idempotent-Replayed: true', async () => {
  const h = new Harness('stripe');
  const first = await h.pay({ key: 'key-header' });
  const second = await h.pay({ key: 'key-header' });
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(second.headers['idempotent-replayed']).toBe('true');
});

test('each state keeps its own keys: the same key on another server is a new charge', async () => {
  const a = new Harness('stripe');
  const b = new Harness('stripe');
  await a.pay({ key: 'key-shared' });
  await b.pay({ key: 'key-shared' });
  expect([a.state.payments.length, b.state.payments.length]).toEqual([1, 1]);
});
