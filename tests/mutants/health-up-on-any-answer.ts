import { createHealth } from '../../gateway/health.ts';
import type { Mutant } from './mutant.ts';

export const healthUpOnAnyAnswer: Mutant = {
  name: 'health-up-on-any-answer',
  models: 'Health only tracks connectivity: a processor that answers at all (503 in a brown-out, 429) counts as up, so /health stays green through an outage the processor itself reports.',
  killedBy: ['http.unavailable-503-no-retry-after'],
  parts: () => ({
    health: (options) => {
      const tracker = createHealth(options);
      return { ...tracker, observe: (processor, ticket, o) => tracker.observe(processor, ticket, !o.ok && o.answered ? { ok: true } : o) };
    },
  }),
};
