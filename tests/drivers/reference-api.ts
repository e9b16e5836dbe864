import { DeclarativeGateway } from '../../config/schema.ts';

/**
 * The reference gateway's API as a declarative description: every default of the schema plus its
 * payment route and body. `GATECHECK_GATEWAY=process` (any process speaking this API) uses it.
 */
export function referenceApiGateway(command: string): DeclarativeGateway {
  return DeclarativeGateway.parse({
    command,
    payment: { path: '/v1/payments', body: { amount: '{amount}', currency: '{currency}', source: '{card}', reference: '{reference}' } },
    metrics: { outcomeCounter: { name: 'gateway_processor_requests_total' } },
  });
}
