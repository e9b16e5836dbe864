import { idempotencyKey } from '../../gateway/idempotency.ts';
import type { Mutant } from './mutant.ts';

export const newIdempotencyKeyPerRetry: Mutant = {
  name: 'new-idempotency-key-per-retry',
  models: 'The idempotency key is generated inside the retry loop (one per HTTP attempt), so a retry after a lost response is a new payment to the processor: a double charge.',
  killedBy: ['network.reset-after-commit', 'http.rate-limited-then-ok'],
  parts: () => ({
    idempotencyKey: (input) => {
      const key = idempotencyKey(input);
      return input.attempt === 1 ? key : `${key.slice(0, input.maxLength - 8)}-retry-${input.attempt}`;
    },
  }),
};
