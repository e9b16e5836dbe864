import { processorClient } from '../../gateway/processors/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * A gateway that answers a repeated payment (same Idempotency-Key) from a cache keyed wrongly:
 * it does not ask the processor again and invents a fresh reference, so the caller is told about
 * a charge the processor never made, while the processor's record shows the one real charge.
 */
export const replayFabricatesReference: Mutant = {
  name: 'replay-fabricates-reference',
  models: 'A gateway whose idempotency cache stores only "succeeded" and answers a repeated payment with a newly minted reference instead of the charge the processor recorded.',
  killedBy: ['http.idempotent-replay'],
  parts: () => ({
    processorClient: (config, deps) => {
      const client = processorClient(config, deps);
      const seen = new Set<string>();
      let minted = 0;
      return {
        idempotencyMaxLength: client.idempotencyMaxLength,
        async pay(payment, key) {
          if (seen.has(key)) return { kind: 'succeeded', processorReference: `ref_replayed_${++minted}` };
          const outcome = await client.pay(payment, key);
          if (outcome.kind === 'succeeded') seen.add(key);
          return outcome;
        },
      };
    },
  }),
};
