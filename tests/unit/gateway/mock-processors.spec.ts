import { expect, test } from '@playwright/test';
import { TEST_CARDS } from '../../../mocks/processors/index.ts';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import { gatewayProcessorConfig } from '../../../mocks/servers/gateway-config.ts';
import { startProcessor } from '../../../mocks/servers/start-processor.ts';
import { closeAll, gateway, gatewayConfig, onClose, pay } from './helpers.ts';

test.afterEach(closeAll);

/** The wire contract end to end: each profile client against the mock that serves the same contract. */
for (const profile of ['stripe', 'adyen', 'paypal', 'visa'] as const) {
  test(`profile ${profile}: approve, decline and replay against the mock processor`, async () => {
    const scenario = getScenario(profile === 'visa' ? 'mtls.good-client-cert' : 'tls.good-chain');
    const processor = await startProcessor(scenario, { profile });
    onClose(() => processor.close());
    const gw = await gateway(gatewayConfig([gatewayProcessorConfig(processor, profile)]));

    const approved = await pay(gw, { key: `${profile}-approve`, reference: 'order-1' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({ status: 'succeeded', processor: profile, processorReference: expect.any(String) });

    for (const card of [TEST_CARDS.declinedInsufficientFunds, TEST_CARDS.declinedGeneric]) {
      const declined = await pay(gw, { key: `${profile}-decline-${card}`, source: card, reference: `order-${card}` });
      expect(declined.status, JSON.stringify(declined.body)).toBe(402);
      expect(declined.body.error).toMatchObject({ code: 'PAYMENT_DECLINED', processor: profile, retryable: false, message: expect.any(String) });
    }

    const replay = await pay(gw, { key: `${profile}-approve`, reference: 'order-1' });
    expect(replay.body).toEqual(approved.body);
    expect(processor.payments().filter((p) => p.outcome === 'approved')).toHaveLength(1);

    const health = await (await fetch(`${gw.url}/health`)).json();
    expect(health.processors[0]).toMatchObject({ state: 'up', lastErrorCode: null });
  });
}

test('profile stripe: a restricted key is AUTH_FORBIDDEN and a live key AUTH_MODE_MISMATCH', async () => {
  const processor = await startProcessor(getScenario('tls.good-chain'), { profile: 'stripe' });
  onClose(() => processor.close());
  for (const [secretKey, code] of [['rk_test_gatecheck_restricted', 'AUTH_FORBIDDEN'], ['sk_live_gatecheck_51Mock', 'AUTH_MODE_MISMATCH'], ['sk_test_wrong', 'AUTH_REJECTED']] as const) {
    const gw = await gateway(gatewayConfig([{ ...gatewayProcessorConfig(processor), credentials: { secretKey } }]));
    const reply = await pay(gw);
    expect(reply.body.error?.code, secretKey).toBe(code);
    const health = await (await fetch(`${gw.url}/health?probe=true`)).json();
    expect(health.processors[0]).toMatchObject({ state: 'down', lastErrorCode: code });
  }
});
