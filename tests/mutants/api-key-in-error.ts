import { GatewayFailure } from '../../gateway/index.ts';
import { createLogger } from '../../gateway/logger.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import type { HttpRequest } from '../../gateway/transport.ts';
import type { Mutant } from './mutant.ts';

/** A logger that writes values as they are (the team's own JSON logger, without the redactor). */
const verbatim = { add() {}, text: (value: string) => value, value: <T>(value: T) => value };

export const apiKeyInError: Mutant = {
  name: 'api-key-in-error',
  models: 'A processor client whose errors carry the failed request "for debugging", Authorization header included, logged by a plain JSON logger without redaction: the API key lands in the logs.',
  killedBy: ['auth.invalid-key'],
  parts: () => ({
    logger: (options) => createLogger({ ...options, redactor: verbatim }),
    processorClient: (config, deps) => {
      let last: HttpRequest | undefined;
      const client = processorClient(config, { ...deps, send: (request) => ((last = request), deps.send(request)) });
      return {
        idempotencyMaxLength: client.idempotencyMaxLength,
        async pay(payment, key) {
          try {
            return await client.pay(payment, key);
          } catch (error) {
            if (!(error instanceof GatewayFailure) || !last) throw error;
            throw new GatewayFailure(error.code, `${error.message} (request: ${last.method} ${last.path} ${JSON.stringify(last.headers)})`, {
              requestSent: error.requestSent, retryAfterMs: error.retryAfterMs, detail: error.detail, cause: error, stage: error.stage,
              ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
            });
          }
        },
      };
    },
  }),
};
