import { expect, test } from '@playwright/test';
import { ProcessorFailure } from '../../../mocks/processors/profile.ts';
import { expectShape, Harness, NAMES } from './harness.ts';

const statuses = { 'rate-limited': 429, 'server-error': 500, unavailable: 503, 'client-cert-missing': 400 } as const;

/** What identifies each failure in each processor's body. */
const marks = {
  stripe: { 'rate-limited': { error: { type: 'rate_limit_error', code: 'rate_limit' } }, 'server-error': { error: { type: 'api_error' } }, unavailable: { error: { type: 'api_error' } }, 'client-cert-missing': { error: { type: 'invalid_request_error' } } },
  adyen: { 'rate-limited': { status: 429, errorType: 'throttling' }, 'server-error': { status: 500, errorType: 'internal' }, unavailable: { status: 503 }, 'client-cert-missing': { status: 400, errorType: 'security' } },
  paypal: { 'rate-limited': { name: 'RATE_LIMIT_REACHED' }, 'server-error': { name: 'INTERNAL_SERVER_ERROR' }, unavailable: { name: 'SERVICE_UNAVAILABLE' }, 'client-cert-missing': { name: 'INVALID_REQUEST' } },
  visa: { 'rate-limited': { responseStatus: { status: 429 } }, 'server-error': { responseStatus: { status: 500, code: '9500' } }, unavailable: { responseStatus: { status: 503 } }, 'client-cert-missing': { responseStatus: { status: 400, code: '9125', message: 'Expected input credential was not present' } } },
} as const;

for (const name of NAMES) {
  for (const kind of ProcessorFailure.options) {
    test(`${name}: failure('${kind}') -> ${statuses[kind]} in the processor's error shape`, () => {
      const h = new Harness(name);
      const response = h.profile.failure(kind);
      expect(response.status).toBe(statuses[kind]);
      expect(expectShape(h.profile.schemas.errorResponse, response)).toMatchObject(marks[name][kind]);
      expect(response.headers['retry-after']).toBe(kind === 'rate-limited' ? '1' : undefined);
    });
  }

  test(`${name}: a rate-limit failure carries the Retry-After it is given`, () => {
    expect(new Harness(name).profile.failure('rate-limited', { retryAfterSeconds: 7 }).headers['retry-after']).toBe('7');
  });

  test(`${name}: serverErrors fails that many payments with 500, then charges`, async () => {
    const h = new Harness(name, { serverErrors: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.pay()).status);
    expect(statuses).toEqual([500, 500, h.wire.approved]);
    expect(h.state.payments).toHaveLength(1);
  });
}
