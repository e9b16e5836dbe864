import type { Mutant } from './mutant.ts';
import { rethrowing, withRequestSent } from './rethrown.ts';

export const failoverNeverEngages: Mutant = {
  name: 'failover-never-engages',
  models: 'Every failure is treated as "maybe sent", even a refused connection, so the configured secondary processor is never used and a primary outage stops all payments.',
  killedBy: ['failover.connect-refused-primary'],
  parts: () => ({ processorClient: rethrowing((f) => withRequestSent(f, true)) }),
};
