import { GatewayFailure } from '../../gateway/index.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import type { Mutant } from './mutant.ts';

export const failoverOnDecline: Mutant = {
  name: 'failover-on-decline',
  models: 'A decline is handed to the failover loop as "not taken here", so the card is tried again at the next processor: the excessive re-attempts card-network rules penalise, and a decline counted as a failure.',
  killedBy: ['failover.decline-stays-at-primary'],
  parts: () => ({
    processorClient: (config, deps) => {
      const client = processorClient(config, deps);
      return {
        idempotencyMaxLength: client.idempotencyMaxLength,
        async pay(payment, key) {
          const outcome = await client.pay(payment, key);
          if (outcome.kind !== 'declined') return outcome;
          throw new GatewayFailure('PAYMENT_DECLINED', outcome.reason, { requestSent: false, detail: 'declined', stage: 'response' });
        },
      };
    },
  }),
};
