import type { Mutant } from './mutant.ts';
import { wrappedMetrics } from './metrics-wrapper.ts';

export const failureCodeLabelDropped: Mutant = {
  name: 'failure-code-label-dropped',
  models: 'The metrics registry drops the code label (a cardinality guard that allow-lists too little): every failure is counted as code "other", so the dashboard cannot say which outage it is.',
  killedBy: ['network.connection-refused'],
  parts: () => ({ metrics: wrappedMetrics((inner) => ({ failure: (processor) => inner.failure(processor, 'other') })) }),
};
