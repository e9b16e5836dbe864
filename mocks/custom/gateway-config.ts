import { gatewayTransportConfig } from '../servers/gateway-config.ts';
import { authHeaders } from './definition.ts';
import type { CustomProcessorServer } from './start.ts';

/**
 * The reference gateway's entry for a running custom processor (its generic client,
 * gateway/processors/custom.ts): the auth headers, the payment request and the answer statuses
 * from the definition, the transport from the scenario.
 */
export function customGatewayConfig(server: CustomProcessorServer): Record<string, unknown> {
  const p = server.custom;
  const { baseUrl, ...transport } = gatewayTransportConfig(server, p.basePath);
  const answers: Record<string, unknown> = { approved: p.answers.approved, declined: p.answers.declined };
  if (p.answers.reference !== undefined) answers.reference = p.answers.reference;
  if (p.answers.declineReason !== undefined) answers.declineReason = p.answers.declineReason;
  if (p.answers.errorMessage !== undefined) answers.errorMessage = p.answers.errorMessage;
  return {
    name: p.name,
    profile: 'custom',
    baseUrl,
    credentials: authHeaders(p),
    payment: { path: p.payment.path, body: p.payment.body, idempotencyHeader: p.payment.idempotencyHeader },
    answers,
    ...transport,
  };
}
