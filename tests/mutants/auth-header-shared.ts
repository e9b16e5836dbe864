import { processorClient } from '../../gateway/processors/index.ts';
import type { Mutant } from './mutant.ts';

const AUTH_HEADERS = ['authorization', 'x-api-key'];

export const authHeaderShared: Mutant = {
  name: 'auth-header-shared',
  models: 'One HTTP client instance for every processor, whose default headers are set from the first processor that sends: Stripe\'s Bearer key (or Visa\'s Basic credentials) then goes to every other processor.',
  killedBy: ['failover.connect-refused-primary', 'failover.client-cert-isolation'],
  parts: () => {
    // One set of defaults per gateway (its logger is one object per gateway).
    const defaults = new WeakMap<object, Record<string, string>>();
    return {
      processorClient: (config, deps) => processorClient(config, {
        ...deps,
        send(request) {
          let shared = defaults.get(deps.logger);
          if (!shared) {
            shared = Object.fromEntries(AUTH_HEADERS.filter((h) => request.headers[h]).map((h) => [h, request.headers[h]!]));
            defaults.set(deps.logger, shared);
          }
          return deps.send({ ...request, headers: { ...request.headers, ...shared } });
        },
      }),
    };
  },
};
