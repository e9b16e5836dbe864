import { retryPolicy } from '../../gateway/retry.ts';
import type { Mutant } from './mutant.ts';

export const retryAfterReadAsMs: Mutant = {
  name: 'retry-after-read-as-ms',
  models: 'Retry-After: 1 read as one millisecond instead of one second (a unit slip in a hand-written header parser): the retry comes at once.',
  killedBy: ['http.retry-after-honoured'],
  parts: () => ({ retryPolicy: (input) => retryPolicy({ ...input, retryAfterMs: input.retryAfterMs === undefined ? undefined : input.retryAfterMs / 1000 }) }),
};
