import { GatewayFailure } from '../../gateway/index.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import type { GatewayParts } from '../../gateway/index.ts';

/** A processor client whose failures are rethrown changed by `change` (the way a wrapper or retry helper loses facts). */
export function rethrowing(change: (failure: GatewayFailure) => GatewayFailure): GatewayParts['processorClient'] {
  return (config, deps) => {
    const client = processorClient(config, deps);
    return {
      idempotencyMaxLength: client.idempotencyMaxLength,
      async pay(payment, key) {
        try {
          return await client.pay(payment, key);
        } catch (error) {
          throw error instanceof GatewayFailure ? change(error) : error;
        }
      },
    };
  };
}

/** The same failure with `requestSent` replaced. */
export const withRequestSent = (f: GatewayFailure, requestSent: boolean) =>
  new GatewayFailure(f.code, f.message, { requestSent, retryAfterMs: f.retryAfterMs, detail: f.detail, cause: f.cause, stage: f.stage, ...(f.httpStatus === undefined ? {} : { httpStatus: f.httpStatus }) });
