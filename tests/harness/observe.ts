import { randomUUID } from 'node:crypto';
import { getProfile } from '../../mocks/processors/index.ts';
import type { ProcessorProfile } from '../../mocks/processors/profile.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { gatewayProcessorConfig } from '../../mocks/servers/gateway-config.ts';
import type { RequestRecord } from '../../mocks/servers/records.ts';
import type { ProcessorServer } from '../../mocks/servers/start-processor.ts';
import type { BootResult, PaymentInput, ProcessorConfig } from '../drivers/driver.ts';
import type { Observation } from './observation.ts';
import { findLeaks, secretsOf } from './secrets.ts';

export const APPROVED_CARD = '4242424242424242';

export type ContractDeps = {
  driver: string;
  startProcessor: (scenario: Scenario) => Promise<ProcessorServer>;
  startGateway: (processors: ProcessorConfig[]) => Promise<BootResult>;
};

/** Problems with a payment request as the processor received it: schema, auth and idempotency headers. */
export function wireProblems(profile: ProcessorProfile, request: RequestRecord): string[] {
  const problems: string[] = [];
  const parsed = profile.schemas.paymentRequest.safeParse(profile.decodeBody(request.body));
  if (!parsed.success) problems.push(`sent a ${profile.name} payment that breaks its schema (${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join(', ')})`);
  const authHeader = profile.credentials.kind === 'api-key' ? 'x-api-key' : 'authorization';
  if (!request.headers[authHeader]) problems.push(`sent no ${authHeader} header`);
  if (!request.headers[profile.idempotencyHeader]) problems.push(`sent no ${profile.idempotencyHeader} header`);
  return problems;
}

/**
 * One contract run: the scenario's processor, a gateway pointed at it, one payment, then what the
 * gateway shows (health, metrics, logs) and what the processor received.
 */
export async function observe(scenario: Scenario, deps: ContractDeps): Promise<Observation> {
  const processor = await deps.startProcessor(scenario);
  const profile = getProfile(processor.profile);
  const processors = [gatewayProcessorConfig(processor) as ProcessorConfig];
  const idempotencyKey = `gatecheck-${randomUUID()}`;
  const base = { scenarioId: scenario.id, driver: deps.driver, idempotencyKey };
  const secrets = secretsOf(processors, APPROVED_CARD);
  const boot = await deps.startGateway(processors);
  if (!boot.ok) {
    return {
      ...base, boot: { ok: false, code: boot.code, message: boot.message }, payment: null, requests: processor.requests(),
      committed: [...processor.payments()], connections: processor.connections().length, health: null, failures: null,
      wireProblems: [], leaks: findLeaks(secrets, { 'boot message': boot.message }),
    };
  }
  const gateway = boot.gateway;
  const code = scenario.expect.code;
  const failuresBefore = code ? await gateway.failureCount(code) : 0;
  const connectionsBefore = processor.connections().length;
  const requestsBefore = processor.requests().length;
  const payment: PaymentInput = { amount: 1000, currency: 'EUR', source: APPROVED_CARD, reference: `gatecheck-${scenario.id}` };
  const result = await gateway.pay(payment, idempotencyKey);
  const requests = processor.requests().slice(requestsBefore);
  const health = await gateway.health();
  const metrics = await gateway.metricsText();
  const failuresAfter = code ? await gateway.failureCount(code) : 0;
  const paymentRequests = requests.filter((r) => r.method === 'POST' && r.path === profile.paymentRoute.path);
  return {
    ...base,
    boot: { ok: true },
    payment: result,
    requests,
    committed: [...processor.payments()],
    connections: processor.connections().length - connectionsBefore,
    health: health.processors.find((p) => p.name === processors[0]!.name) ?? null,
    failures: code ? { before: failuresBefore, after: failuresAfter } : null,
    wireProblems: paymentRequests.flatMap((r) => wireProblems(profile, r)),
    leaks: findLeaks(secrets, { 'payment response': result.body, '/health': health.raw, '/metrics': metrics, logs: gateway.logs() }),
  };
}
