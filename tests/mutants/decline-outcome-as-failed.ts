import type { Mutant } from './mutant.ts';
import { wrappedMetrics } from './metrics-wrapper.ts';

export const declineOutcomeAsFailed: Mutant = {
  name: 'decline-outcome-as-failed',
  models: 'The outcome label knows only "succeeded" and "failed": a decline is recorded as outcome "failed", so the declined rate reads zero and error-rate alerts fire on declines.',
  killedBy: ['http.business-decline'],
  parts: () => ({
    metrics: wrappedMetrics((inner) => ({
      request: (processor, outcome, seconds) => inner.request(processor, outcome === 'declined' ? 'failed' : outcome, seconds),
    })),
  }),
};
