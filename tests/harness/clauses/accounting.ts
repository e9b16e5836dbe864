import { codeInfo, type ErrorCode } from '../../../mocks/scenarios/codes.ts';
import type { Scenario } from '../../../mocks/scenarios/schema.ts';
import type { Observation } from '../observation.ts';
import type { Breacher } from '../verdict.ts';

/**
 * Accounting: a business outcome (a card decline) is not an outage. The failure counter stays
 * flat and the outcome counter counts a decline; /health staying up is judged with the payment.
 * Skipped for what the driver cannot read (`null` counters).
 */
export function judgeAccounting(scenario: Scenario, o: Observation, breach: Breacher): void {
  const e = scenario.expect;
  if (e.outcome !== 'rejected' || !e.code || codeInfo(e.code as ErrorCode).category !== 'business' || !o.accounting) return;
  const { failures, declined } = o.accounting;
  if (failures && failures.after > failures.before) {
    breach('metrics', `counted the ${e.code} as a processor failure (failure counter ${failures.before} -> ${failures.after})`, 'the failure counter flat for a business outcome');
  }
  if (e.code === 'PAYMENT_DECLINED' && declined && declined.after <= declined.before) {
    breach('metrics', `left the declined outcome counter at ${declined.after}`, 'the outcome counter to count the decline');
  }
}
