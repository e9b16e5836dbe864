import { expect, test } from '@playwright/test';
import { configSecrets, parseGatewayConfig } from '../../../gateway/config.ts';
import { GatewayBootError } from '../../../gateway/errors.ts';

const custom = (extra: Record<string, unknown> = {}) => ({
  processors: [{
    name: 'mobile-money', profile: 'custom', baseUrl: 'https://127.0.0.1:9/mm/v2',
    credentials: { 'x-api-key': 'k-1', authorization: 'Bearer t-1' },
    payment: { path: '/transfers', body: { amount: '{amount}' } },
    answers: { approved: [201], declined: [402] },
    ...extra,
  }],
});

test('a custom processor entry is data: auth headers, payment template, answer statuses', () => {
  const config = parseGatewayConfig(custom());
  expect(config.processors[0]).toMatchObject({ profile: 'custom', payment: { idempotencyHeader: 'idempotency-key' }, answers: { approved: [201], declined: [402] } });
  expect(configSecrets(config)).toEqual(expect.arrayContaining(['k-1', 'Bearer t-1', 't-1']));
});

test('a custom entry with an approved status outside 2xx or an unknown key refuses the boot, naming the field', () => {
  const refusal = (raw: unknown) => { try { parseGatewayConfig(raw); return null; } catch (e) { return e as GatewayBootError; } };
  expect(refusal(custom({ answers: { approved: [402] } }))?.message).toMatch(/processors\[0\]\.answers\.approved\[0\]/);
  expect(refusal(custom({ verify: false }))?.code).toBe('CONFIG_INVALID');
});
