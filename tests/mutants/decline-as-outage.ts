import { GatewayFailure } from '../../gateway/index.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import type { Mutant } from './mutant.ts';

export const declineAsOutage: Mutant = {
  name: 'decline-as-outage',
  models: 'Any non-2xx processor answer treated as a processor failure, so a card decline (Stripe 402, Adyen "Refused") is reported as an outage, retried, and marks the processor down.',
  killedBy: ['http.business-decline'],
  parts: () => ({
    processorClient: (config, deps) => {
      const client = processorClient(config, deps);
      return {
        idempotencyMaxLength: client.idempotencyMaxLength,
        async pay(payment, key) {
          const outcome = await client.pay(payment, key);
          if (outcome.kind !== 'declined') return outcome;
          throw new GatewayFailure('PROCESSOR_UNAVAILABLE', `${config.name} did not take the payment (${outcome.reason})`, { requestSent: true, detail: 'declined', stage: 'response' });
        },
      };
    },
  }),
};
