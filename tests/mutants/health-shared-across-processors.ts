import { createHealth } from '../../gateway/health.ts';
import type { Mutant } from './mutant.ts';

export const healthSharedAcrossProcessors: Mutant = {
  name: 'health-shared-across-processors',
  models: 'Health kept as one flag for "the processors": a success at the secondary marks the primary up too, so a failed-over outage disappears from /health.',
  killedBy: ['failover.connect-refused-primary', 'failover.client-cert-isolation'],
  parts: () => ({
    health: (options) => {
      const tracker = createHealth(options);
      return {
        ...tracker,
        observe(processor, ticket, observation) {
          if (!observation.ok) return tracker.observe(processor, ticket, observation);
          for (const p of options.processors) tracker.observe(p.name, ticket, observation);
        },
      };
    },
  }),
};
