import { TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { paypalClient, stripeClient, viaFetch } from './clients.ts';
import { ADAPTERS, BASE_URL, expect, test } from './fixtures.ts';

for (const adapter of ADAPTERS) {
  test(`${adapter}: steps run in order, each for its times, then the processor behaves normally`, async ({ mock }) => {
    const stripe = mock(adapter, 'stripe', {
      behaviour: [
        { kind: 'failure', failure: 'rate-limited', times: 1 },
        { kind: 'failure', failure: 'unavailable', times: 2 },
      ],
    });
    const client = stripeClient(viaFetch, { baseUrl: BASE_URL.stripe });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.charge({ card: TEST_CARDS.approved, idempotencyKey: 'k-seq' })).status);
    expect(statuses).toEqual([429, 503, 503, 200]);
    expect(stripe.payments).toHaveLength(1);
  });

  test(`${adapter}: setBehaviour changes what the next requests meet`, async ({ mock }) => {
    const stripe = mock(adapter, 'stripe');
    const client = stripeClient(viaFetch, { baseUrl: BASE_URL.stripe });
    expect((await client.charge({ card: TEST_CARDS.approved })).status).toBe(200);
    stripe.setBehaviour({ kind: 'failure', failure: 'server-error' });
    expect((await client.charge({ card: TEST_CARDS.approved })).status).toBe(500);
    stripe.setBehaviour({ kind: 'normal' });
    expect((await client.charge({ card: TEST_CARDS.approved })).status).toBe(200);
    expect(stripe.payments).toHaveLength(2);
  });

  test(`${adapter}: a step applies to the payment route by default; route 'token' rate-limits paypal's token endpoint instead`, async ({ mock }) => {
    mock(adapter, 'paypal', { behaviour: { kind: 'failure', failure: 'rate-limited', route: 'token', times: 1 } });
    const client = paypalClient(viaFetch, { baseUrl: BASE_URL.paypal });
    const limited = await client.token();
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ name: 'RATE_LIMIT_REACHED' });
    expect((await client.token()).status).toBe(200);
  });

  test(`${adapter}: two mocks can share one state (one processor behind two base URLs)`, async ({ mock }) => {
    const first = mock(adapter, 'stripe');
    const second = mock(adapter, 'stripe', { baseUrl: 'https://stripe.internal.example/proxy', state: first.state });
    await stripeClient(viaFetch, { baseUrl: BASE_URL.stripe }).charge({ card: TEST_CARDS.approved, idempotencyKey: 'shared' });
    const replay = await stripeClient(viaFetch, { baseUrl: 'https://stripe.internal.example/proxy' }).charge({ card: TEST_CARDS.approved, idempotencyKey: 'shared' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(second.payments).toHaveLength(1);
  });
}

test('an invalid behaviour is refused naming the step and field, and what to give instead', ({ mock }) => {
  expect(() => mock('msw', 'stripe', { behaviour: [{ kind: 'normal' }, { kind: 'failure', failure: 'teapot' as 'server-error', times: 0 }] })).toThrow(
    [
      'gatecheck: invalid in-process behaviour:',
      '✖ Invalid option: expected one of "rate-limited"|"server-error"|"unavailable"|"client-cert-missing"',
      '  → at [1].failure',
      '✖ Too small: expected number to be >0',
      '  → at [1].times',
      'Give a step or a list of steps as README.md "In-process mocks (msw / nock)" shows.',
    ].join('\n'),
  );
});
