import type { Mutant } from './mutant.ts';

export const genericErrorCode: Mutant = {
  name: 'generic-error-code',
  models: 'An error handler that maps every failure to one "processor error" (502, retryable): the four-hour outage shape, where nobody could tell a certificate problem from a network one.',
  killedBy: ['tls.expired-leaf'],
  parts: () => ({
    presentError: ({ message, processor }) => ({ status: 502, body: { error: { code: 'PROCESSOR_UNAVAILABLE', message, processor, retryable: true } } }),
  }),
};
