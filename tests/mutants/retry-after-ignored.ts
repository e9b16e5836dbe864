import { retryPolicy } from '../../gateway/retry.ts';
import type { Mutant } from './mutant.ts';

export const retryAfterIgnored: Mutant = {
  name: 'retry-after-ignored',
  models: 'The retry loop uses its own exponential backoff and never reads Retry-After, so a rate-limited payment is retried after 14 ms and meets the limit again.',
  killedBy: ['http.retry-after-honoured'],
  parts: () => ({ retryPolicy: (input) => retryPolicy({ ...input, retryAfterMs: undefined }) }),
};
