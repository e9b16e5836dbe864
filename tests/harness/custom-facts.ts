import { paymentPathOf, type CustomProcessor } from '../../mocks/custom/definition.ts';
import { authHeaders } from '../../mocks/custom/definition.ts';
import { customGatewayConfig } from '../../mocks/custom/gateway-config.ts';
import type { CustomProcessorServer } from '../../mocks/custom/start.ts';
import type { RequestRecord } from '../../mocks/servers/records.ts';
import type { ProcessorConfig } from '../drivers/driver.ts';
import type { ProcessorFacts } from './observe.ts';
import type { WireFacts } from './verdict.ts';

/** Problems with a payment request a custom processor received: its JSON body, its auth and idempotency headers. */
export function customWireProblems(processor: CustomProcessor, request: RequestRecord): string[] {
  const problems: string[] = [];
  try {
    JSON.parse(request.body);
  } catch {
    problems.push(`sent a ${processor.name} payment whose body is not JSON`);
  }
  for (const header of Object.keys(authHeaders(processor))) if (!request.headers[header]) problems.push(`sent no ${header} header`);
  if (!request.headers[processor.payment.idempotencyHeader]) problems.push(`sent no ${processor.payment.idempotencyHeader} header`);
  return problems;
}

/** What the harness knows of a custom processor's API, from its definition. */
export function customFacts(server: CustomProcessorServer): ProcessorFacts {
  return {
    entry: customGatewayConfig(server) as ProcessorConfig,
    paymentPath: paymentPathOf(server.custom),
    wireProblems: (request) => customWireProblems(server.custom, request),
  };
}

/** The verdict's wire facts for a custom processor. */
export const customWire = (processor: CustomProcessor): WireFacts => ({ paymentPath: paymentPathOf(processor), idempotencyHeader: processor.payment.idempotencyHeader });
