import { retryPolicy } from '../../gateway/retry.ts';
import type { Mutant } from './mutant.ts';

export const retriesAuthFailure: Mutant = {
  name: 'retries-auth-failure',
  models: 'A retry loop that treats every non-2xx answer as transient, so a revoked API key (401/403) is retried: more rejected calls, and a lockout risk at the processor.',
  killedBy: ['auth.invalid-key'],
  parts: () => ({
    retryPolicy: (input) => retryPolicy(input.code.startsWith('AUTH_') ? { ...input, code: 'PROCESSOR_UNAVAILABLE' } : input),
  }),
};
