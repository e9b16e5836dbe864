import { expect, test } from '@playwright/test';
import { expectShape, Harness, NAMES } from './harness.ts';

/** The 409 each processor answers while the first request with a key is still processing. */
const inFlight = {
  stripe: { error: { type: 'idempotency_error', code: 'idempotency_key_in_use' } },
  adyen: { status: 409, errorCode: '704', errorType: 'validation', message: 'request already processed or in progress' },
  paypal: { name: 'RESOURCE_CONFLICT', details: [{ issue: 'DUPLICATE_REQUEST_ID' }] },
  visa: { responseStatus: { status: 409, code: '9409', severity: 'ERROR' } },
} as const;

/** The error each processor answers for a key reused with different parameters. */
const mismatch = {
  stripe: { error: { type: 'idempotency_error' } },
  adyen: { status: 422, errorCode: 'idempotency_mismatch', errorType: 'validation' },
  paypal: { name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'DUPLICATE_REQUEST_ID' }] },
  visa: { responseStatus: { status: 422, code: '9422' } },
} as const;

for (const name of NAMES) {
  test(`${name}: the same key while the first is processing -> 409; afterwards the first response is replayed`, async () => {
    const h = new Harness(name, { processingDelayMs: 150 });
    const request = await h.request({ key: 'key-concurrent' });

    const [first, second] = await Promise.all([h.send(request), h.send(request)]);

    expect(first.status, first.body).toBe(h.wire.approved);
    expect(second.status, second.body).toBe(409);
    expect(expectShape(h.profile.schemas.errorResponse, second)).toMatchObject(inFlight[name]);
    expect(h.state.payments).toHaveLength(1);

    const later = await h.send(request);
    expect(later.body).toBe(first.body);
    expect(h.state.payments).toHaveLength(1);
  });

  test(`${name}: processingDelayMs holds the answer back`, async () => {
    const h = new Harness(name, { processingDelayMs: 120 });
    const request = await h.request();
    const started = performance.now();
    await h.send(request);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  test(`${name}: the same key with different parameters -> mismatch error, nothing more charged`, async () => {
    const h = new Harness(name);
    const first = await h.pay({ key: 'key-mismatch', amount: 1000 });
    const second = await h.pay({ key: 'key-mismatch', amount: 2000 });

    expect(first.status).toBe(h.wire.approved);
    expect(second.status, second.body).toBe(h.wire.mismatch);
    expect(expectShape(h.profile.schemas.errorResponse, second)).toMatchObject(mismatch[name]);
    expect(h.profile.schemas.declineResponse.safeParse(JSON.parse(second.body)).success, 'a mismatch is not a decline').toBe(false);
    expect(h.state.payments).toHaveLength(1);
  });
}

const limits = [
  { name: 'stripe', max: 255, status: 400 },
  { name: 'adyen', max: 64, status: 422 },
  { name: 'paypal', max: 108, status: 400 },
] as const;

for (const { name, max, status } of limits) {
  test(`${name}: an idempotency key longer than ${max} characters is refused`, async () => {
    const h = new Harness(name);
    expect((await h.pay({ key: 'k'.repeat(max) })).status).toBe(h.wire.approved);
    const response = await h.pay({ key: 'k'.repeat(max + 1) });
    expect(response.status, response.body).toBe(status);
    expectShape(h.profile.schemas.errorResponse, response);
    expect(response.body).toContain(String(max));
    expect(h.state.payments).toHaveLength(1);
  });
}
