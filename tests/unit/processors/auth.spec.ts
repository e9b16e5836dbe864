import { expect, test } from '@playwright/test';
import type { ProfileName } from '../../../mocks/processors/profile.ts';
import { expectShape, Harness, type PayOptions } from './harness.ts';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

type AuthCase = { profile: ProfileName; title: string; options: PayOptions; status: 401 | 403; expected: Record<string, unknown>; secret?: string };

/** Bad, missing and forbidden credentials, as README.md's credentials table and error rows say. */
const cases: AuthCase[] = [
  { profile: 'stripe', title: 'an unknown secret key', options: { headers: { authorization: 'Bearer sk_test_someone_else_1234' } }, status: 401, expected: { error: { type: 'invalid_request_error' } }, secret: 'sk_test_someone_else_1234' },
  { profile: 'stripe', title: 'no Authorization header', options: { omit: ['authorization'] }, status: 401, expected: { error: { type: 'invalid_request_error' } } },
  { profile: 'stripe', title: 'an unknown key as the Basic username', options: { headers: { authorization: basic('sk_test_someone_else_5678', '') } }, status: 401, expected: { error: { type: 'invalid_request_error' } }, secret: 'sk_test_someone_else_5678' },
  { profile: 'stripe', title: 'the restricted key', options: { headers: { authorization: 'Bearer rk_test_gatecheck_restricted' } }, status: 403, expected: { error: { type: 'invalid_request_error', code: 'restricted_key' } }, secret: 'rk_test_gatecheck_restricted' },
  { profile: 'stripe', title: 'a live key on the test host', options: { headers: { authorization: 'Bearer sk_live_gatecheck_51Live' } }, status: 401, expected: { error: { type: 'invalid_request_error', code: 'api_key_mode_mismatch' } }, secret: 'sk_live_gatecheck_51Live' },
  { profile: 'adyen', title: 'a wrong X-API-Key', options: { headers: { 'x-api-key': 'AQE_someone_else' } }, status: 401, expected: { status: 401, errorType: 'security', errorCode: '000' }, secret: 'AQE_someone_else' },
  { profile: 'adyen', title: 'no X-API-Key', options: { omit: ['x-api-key'] }, status: 401, expected: { status: 401, errorType: 'security', errorCode: '000' } },
  { profile: 'paypal', title: 'a token it never issued', options: { headers: { authorization: 'Bearer A21AAnever-issued' } }, status: 401, expected: { error: 'invalid_token', error_description: 'Token signature verification failed' } },
  { profile: 'paypal', title: 'no Authorization header', options: { omit: ['authorization'] }, status: 401, expected: { error: 'invalid_token' } },
  { profile: 'paypal', title: 'client credentials instead of a token', options: { headers: { authorization: basic('gatecheck-client-id', 'gatecheck-client-secret') } }, status: 401, expected: { error: 'invalid_token' } },
  { profile: 'visa', title: 'a wrong password', options: { headers: { authorization: basic('gatecheck-visa-user', 'wrong-password') } }, status: 401, expected: { responseStatus: { status: 401, code: '9124', severity: 'ERROR' } }, secret: 'wrong-password' },
  { profile: 'visa', title: 'an unknown user', options: { headers: { authorization: basic('someone', 'gatecheck-visa-password') } }, status: 401, expected: { responseStatus: { status: 401, code: '9124' } } },
  { profile: 'visa', title: 'no Authorization header', options: { omit: ['authorization'] }, status: 401, expected: { responseStatus: { status: 401, code: '9124' } } },
];

for (const c of cases) {
  test(`${c.profile}: ${c.title} -> ${c.status} in the processor's error shape, nothing charged`, async () => {
    const h = new Harness(c.profile);
    const response = await h.send(await h.request({ ...c.options, key: 'key-auth' }));

    expect(response.status, response.body).toBe(c.status);
    expect(expectShape(h.profile.schemas.errorResponse, response)).toMatchObject(c.expected);
    expect(h.state.payments).toHaveLength(0);
    if (c.secret) expect(response.body, 'the error never echoes the credential').not.toContain(c.secret);
  });
}

test('an auth failure does not bind the idempotency key: the same key works once the credentials are fixed', async () => {
  for (const name of ['stripe', 'adyen', 'paypal', 'visa'] as const) {
    const h = new Harness(name);
    const header = name === 'adyen' ? 'x-api-key' : 'authorization';
    expect((await h.pay({ key: 'key-after-401', headers: { [header]: 'Bearer wrong' } })).status, name).toBe(401);
    const fixed = await h.pay({ key: 'key-after-401' });
    expect(fixed.status, `${name}: ${fixed.body}`).toBe(h.wire.approved);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(h.state.payments).toHaveLength(1);
  }
});
