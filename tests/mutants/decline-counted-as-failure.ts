import type { Mutant } from './mutant.ts';
import { wrappedMetrics } from './metrics-wrapper.ts';

export const declineCountedAsFailure: Mutant = {
  name: 'decline-counted-as-failure',
  models: 'A card decline is counted in the processor failure counter (every non-success counted as a failure), so a customer\'s empty card pages on-call as a processor outage.',
  killedBy: ['http.business-decline', 'http.adyen-refused'],
  parts: () => ({
    metrics: wrappedMetrics((inner) => ({
      request(processor, outcome, seconds) {
        inner.request(processor, outcome, seconds);
        if (outcome === 'declined') inner.failure(processor, 'PAYMENT_DECLINED');
      },
    })),
  }),
};
