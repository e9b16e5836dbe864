import type { Mutant } from './mutant.ts';
import { rethrowing, withRequestSent } from './rethrown.ts';

export const failoverAfterWrittenRequest: Mutant = {
  name: 'failover-after-written-request',
  models: 'A timeout or a reset after the request was written is treated as "not sent", so the payment is taken again at the next processor: the customer is charged twice (the failover double charge of processor incident write-ups).',
  killedBy: ['failover.reset-after-commit-primary', 'failover.timeout-after-commit-primary'],
  parts: () => ({ processorClient: rethrowing((f) => withRequestSent(f, false)) }),
};
