import { randomUUID } from 'node:crypto';
import { getProfile } from '../../mocks/processors/index.ts';
import type { ProcessorProfile } from '../../mocks/processors/profile.ts';
import type { Drive, Scenario } from '../../mocks/scenarios/schema.ts';
import { gatewayProcessorConfig, gatewayTopologyConfig } from '../../mocks/servers/gateway-config.ts';
import { monotonicMs, type RequestRecord } from '../../mocks/servers/records.ts';
import type { ProcessorServer, RunningProcessor } from '../../mocks/servers/start-processor.ts';
import type { BootResult, PaymentInput, PaymentResult, ProcessorConfig, RunningGateway } from '../drivers/driver.ts';
import type { Observation } from './observation.ts';
import { handshakeBoundOf, handshakeSpans, timeWithin, type Span } from './handshake-time.ts';
import { processorFacts } from './topology.ts';
import { findLeaks, secretsOf } from './secrets.ts';
import { signedDeliveries } from '../../mocks/servers/webhook-deliveries.ts';

export const CARDS = { approved: '4242424242424242', declined: '4000000000000002' } as const;

export type ContractDeps<P extends RunningProcessor = ProcessorServer> = {
  driver: string;
  startProcessor: (scenario: Scenario) => Promise<P>;
  startGateway: (processors: ProcessorConfig[]) => Promise<BootResult>;
  /** The gateway's own name for a processor profile (project config); default: the profile. */
  processorName?: (profile: string) => string;
  /** What the harness knows of the running processor's API (default: its built-in profile's). */
  facts?: (processor: P) => ProcessorFacts;
};

/** The processor-specific facts a contract run needs: the gateway's entry for it, its payment route, its wire checks. */
export type ProcessorFacts = {
  entry: ProcessorConfig;
  paymentPath: string;
  wireProblems: (request: RequestRecord) => string[];
  /** The signed deliveries of a webhook drive (built-in profiles only). */
  deliveries?: (drive: Extract<Drive, { kind: 'webhook' }>) => ReturnType<typeof signedDeliveries>;
};

/** A built-in profile's facts. */
export function profileFacts(processor: RunningProcessor, name?: string): ProcessorFacts {
  const profile = getProfile((processor as ProcessorServer).profile);
  return {
    entry: gatewayProcessorConfig(processor as ProcessorServer, name) as ProcessorConfig,
    paymentPath: profile.paymentRoute.path,
    wireProblems: (request) => wireProblems(profile, request),
    deliveries: (drive) => signedDeliveries(profile, drive.deliveries),
  };
}

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

/** A payment answer and when its call was under way (the processors' monotonic clock). */
type TimedPayment = { result: PaymentResult; window: Span };

async function timedPay(gateway: RunningGateway, payment: PaymentInput, key: string): Promise<TimedPayment> {
  const from = monotonicMs();
  const result = await gateway.pay(payment, key);
  return { result, window: { from, to: monotonicMs() } };
}

/** Drives the payments a scenario asks for; returns every answer, the judged one last. */
async function pay(gateway: RunningGateway, drive: Extract<Drive, { kind: 'pay' }>, scenarioId: string, key: string): Promise<TimedPayment[]> {
  const payment: PaymentInput = { amount: 1000, currency: 'EUR', source: CARDS[drive.card], reference: `gatecheck-${scenarioId}` };
  switch (drive.repeat) {
    case 'once':
      return [await timedPay(gateway, payment, key)];
    case 'twice-same-key':
      return [await timedPay(gateway, payment, key), await timedPay(gateway, payment, key)];
    case 'same-key-other-amount':
      return [await timedPay(gateway, payment, key), await timedPay(gateway, { ...payment, amount: 2000 }, key)];
    case 'concurrent-same-key': {
      const both = await Promise.all([timedPay(gateway, payment, key), timedPay(gateway, payment, key)]);
      return both.sort((a, b) => Number(!a.result.taken) - Number(!b.result.taken));
    }
  }
}

/** The scenario a secondary processor runs as: the same id and drive, its own processor and gateway setup. */
function secondaryScenario(scenario: Scenario): Scenario | null {
  return scenario.secondary ? { ...scenario, processor: scenario.secondary.processor, gateway: scenario.secondary.gateway } : null;
}


/** Starts every processor a scenario configures, primary first; closes the started ones if one fails. */
async function startAll<P extends RunningProcessor>(scenario: Scenario, deps: ContractDeps<P>): Promise<P[]> {
  const primary = await deps.startProcessor(scenario);
  const second = secondaryScenario(scenario);
  return second ? [primary, await deps.startProcessor(second)] : [primary];
}

/**
 * One contract run: the scenario's processors (one, or a primary and a secondary), a gateway
 * pointed at them in failover order, the scenario's drive (payments or webhook deliveries), then
 * what the gateway shows (health, metrics, logs) and what each processor received.
 */
export async function observe<P extends RunningProcessor = ProcessorServer>(scenario: Scenario, deps: ContractDeps<P>): Promise<Observation> {
  const servers = await startAll(scenario, deps);
  const processor = servers[0]!;
  const facts = deps.facts ? deps.facts(processor) : profileFacts(processor, deps.processorName?.((processor as RunningProcessor as ProcessorServer).profile));
  // A topology is built-in profiles only (custom processors run one at a time).
  const processors = servers.length > 1 ? gatewayTopologyConfig(servers as RunningProcessor[] as ProcessorServer[], deps.processorName) as ProcessorConfig[] : [facts.entry];
  const idempotencyKey = `gatecheck-${randomUUID()}`;
  const base = { scenarioId: scenario.id, driver: deps.driver, idempotencyKey };
  const secrets = secretsOf(processors, Object.values(CARDS));
  const boot = await deps.startGateway(processors);
  if (!boot.ok) {
    return {
      ...base, boot: { ok: false, code: boot.code, message: boot.message }, payment: null, payments: [], webhooks: [], requests: processor.requests(),
      committed: [...processor.payments()], connections: processor.connections().length, health: null, failures: null,
      wireProblems: [], leaks: findLeaks(secrets, { 'boot message': boot.message }),
    };
  }
  const gateway = boot.gateway;
  const code = scenario.expect.code;
  const failuresBefore = code ? await gateway.failureCount(code) : 0;
  const accountingBefore = await readAccounting(gateway);
  const marks = servers.map((s) => ({ connections: s.connections().length, requests: s.requests().length }));
  const drive = scenario.drive;
  const timed = drive.kind === 'pay' ? await pay(gateway, drive, scenario.id, idempotencyKey) : [];
  const payments = timed.map((t) => t.result);
  const webhooks = [];
  if (drive.kind === 'webhook') {
    if (!facts.deliveries) throw new Error(`gatecheck: scenario ${scenario.id} delivers webhooks, which only a built-in profile signs`);
    for (const delivery of facts.deliveries(drive)) webhooks.push(await gateway.deliverWebhook(processors[0]!.name, delivery));
  }
  const requests = processor.requests().slice(marks[0]!.requests);
  const health = await gateway.health();
  const metrics = await gateway.metricsText();
  const failuresAfter = code ? await gateway.failureCount(code) : 0;
  const accountingAfter = await readAccounting(gateway);
  const paymentRequests = requests.filter((r) => r.method === 'POST' && r.path === facts.paymentPath);
  const answers = [...payments.map((p) => p.body), ...webhooks.map((w) => w.body)].join('\n');
  const observation: Observation = {
    ...base,
    boot: { ok: true },
    payment: payments.at(-1) ?? null,
    payments,
    handshakeMs: handshakeTimeOf(timed.at(-1), servers, marks, processors),
    webhooks,
    requests,
    committed: [...processor.payments()],
    connections: processor.connections().length - marks[0]!.connections,
    health: health.processors.find((p) => p.name === processors[0]!.name) ?? null,
    failures: code ? { before: failuresBefore, after: failuresAfter } : null,
    wireProblems: [...new Set(paymentRequests.flatMap((r) => facts.wireProblems(r)))],
    leaks: findLeaks(secrets, { 'gateway answers': answers, '/health': health.raw, '/metrics': metrics, logs: gateway.logs() }),
    accounting: {
      failures: counter(accountingBefore.failures, accountingAfter.failures),
      declined: counter(accountingBefore.declined, accountingAfter.declined),
    },
  };
  if (servers.length > 1) {
    observation.topology = (servers as RunningProcessor[] as ProcessorServer[]).map((server, i) => processorFacts(server, processors[i]!, i === 0 ? 'primary' : 'secondary', {
      marks: marks[i]!, health: health.processors.find((p) => p.name === processors[i]!.name) ?? null, secrets,
    }));
  }
  return observation;
}

/** Time the judged payment's call spent in completed TLS handshakes with any of the processors (each cut to its bound). */
function handshakeTimeOf(judged: TimedPayment | undefined, servers: readonly RunningProcessor[], marks: readonly { connections: number }[], processors: readonly ProcessorConfig[]): number {
  if (!judged) return 0;
  const spans = servers.flatMap((server, i) => handshakeSpans(server.connections().slice(marks[i]!.connections), handshakeBoundOf(processors[i]!)));
  return Math.round(timeWithin(judged.window, spans));
}

async function readAccounting(gateway: RunningGateway): Promise<{ failures: number | null; declined: number | null }> {
  return {
    failures: gateway.failureTotal ? await gateway.failureTotal() : null,
    declined: gateway.outcomeCount ? await gateway.outcomeCount('declined') : null,
  };
}

const counter = (before: number | null, after: number | null) => (before === null || after === null ? null : { before, after });
