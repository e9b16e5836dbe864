import { declarativeApi, type ApiOptions } from './declarative-api.ts';
import type { RunningGateway } from './driver.ts';
import { referenceApiGateway } from './reference-api.ts';

const REFERENCE_API = referenceApiGateway('(in-process)');

/**
 * A RunningGateway for anything that speaks the reference gateway's HTTP API (`POST /v1/payments`
 * taken with 201, `{error:{code}}`, `/health`, `/metrics`); `mapCode` translates its codes.
 */
export function httpGateway(options: ApiOptions): RunningGateway {
  return declarativeApi(REFERENCE_API, options);
}
