import { z } from 'zod';
import type { CustomScenario } from '../../mocks/custom/scenarios.ts';
import { getScenario } from '../../mocks/scenarios/index.ts';
import { ProfileName } from '../../mocks/processors/profile.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { gatewayTopologyConfig } from '../../mocks/servers/gateway-config.ts';
import { startProcessor, type ProcessorEvent, type ProcessorServer, type RunningProcessor, type StartOptions } from '../../mocks/servers/start-processor.ts';
import { parseCommand, UsageError } from './usage.ts';
import { watchStarter } from '../lifetime/starter-watch.ts';
import { markInUse } from '../lifetime/certs-in-use.ts';
import { certsDir } from '../../mocks/pki/paths.ts';

// A custom processor's scenario id names its processor first: `mobile-money/tls.expired-leaf`.
// Only those load the custom-processor modules (and the project's config of them), and only
// --target loads the webhook signer: `serve <built-in id>` starts sooner without them.
const isCustomId = (id: string) => id.includes('/');

export const serveHelp = `Usage: npx gatecheck serve <scenario-id> [--profile P] [--port N] [--raw-card-access] [--json] [--target URL]

Runs one scenario's mock processor on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM, or until the
process that started it exits (npx, a shell script) or its stdin pipe closes.
  --profile P  processor profile: ${ProfileName.options.join(', ')} (default: the scenario's)
  --port N     listen on port N (default: a free port)
  --raw-card-access  the account may send raw card numbers (stripe, adyen); default: refused
               as a new test account refuses them (use pm_card_visa / test_ encrypted fields)
  --json       print one JSON line {id, profile, url, client} once listening, nothing else
  --target URL webhook scenarios: deliver the scenario's webhook(s) to your gateway's webhook
               URL (e.g. http://127.0.0.1:8080/webhooks/stripe), print its answers and exit 0 when
               the gateway honoured the scenario, 1 when it breached it, 2 when unreachable

List the scenarios: npx gatecheck list`;

const Args = z.object({
  target: z.url({ protocol: /^https?$/, error: 'an http(s):// URL of the gateway webhook endpoint' }).optional(),
  profile: ProfileName.optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  json: z.boolean().default(false),
  'raw-card-access': z.boolean().default(false),
  positionals: z.array(z.string()).length(1, 'give exactly one scenario id, e.g. npx gatecheck serve tls.expired-leaf'),
});

function expectation(s: Scenario): string {
  const e = s.expect;
  if (e.processors) {
    const each = (role: 'primary' | 'secondary') => {
      const p = e.processors![role];
      return `${role}: ${p.charges} charge(s)${p.reached ? '' : ', no payment request'}${p.health === 'any' ? '' : `, /health ${p.health}${p.code ? ` with ${p.code}` : ''}`}`;
    };
    return `${e.outcome === 'ok' ? 'the payment succeeds' : e.outcome === 'rejected' ? `fails with ${e.code}` : 'refuses to start'} within ${e.withinMs} ms, never two charges across processors (${each('primary')}; ${each('secondary')})`;
  }
  if (e.outcome === 'ok') return `the payment succeeds within ${e.withinMs} ms`;
  if (e.outcome === 'boot-refused') return `the gateway refuses to start with ${e.code}`;
  return `fails with ${e.code} within ${e.withinMs} ms, ${e.paymentSent ? '' : 'sends no payment data, '}${e.retryable ? 'retries with the same idempotency key' : 'does not retry'}, and /health shows the processor down`;
}

function describeEvent(event: ProcessorEvent): string {
  const time = new Date().toISOString().slice(11, 23);
  if (event.type === 'request') return `[${time}] request ${event.record.method} ${event.record.path}`;
  const r = event.record;
  const detail = r.handshake === 'ok'
    ? `${r.tlsVersion}${r.sni ? `, SNI ${r.sni}` : ''}${r.clientCert ? `, client cert ${r.clientCert.subject}${r.clientCert.authorized ? '' : ' (not trusted)'}` : ''}${r.failure ? `, refused: ${r.failure}` : ''}`
    : `${r.failure ?? 'no handshake'}${r.error ? `: ${r.error}` : ''}`;
  return `[${time}] connection #${r.id} handshake ${r.handshake}: ${detail}`;
}

/** One running processor as `serve` shows it: what it is, and its entry for a gateway's config. */
type Served = { server: RunningProcessor; label: string; config: Record<string, unknown> };

function printForPerson(scenario: Scenario, served: Served[]): void {
  const many = served.length > 1;
  const where = served.map((s, i) => `  ${many ? `${ROLES[i]}:`.padEnd(11) : 'processor:  '}${s.label} at ${s.server.url}`).join('\n');
  const point = many
    ? `Point a gateway at them (the reference gateway's "processors" list, in failover order):\n${JSON.stringify(served.map((s) => s.config), null, 2).replace(/^/gm, '  ')}`
    : `Point a gateway at it (one entry of the reference gateway's "processors" list):\n${JSON.stringify(served[0]!.config, null, 2).replace(/^/gm, '  ')}`;
  console.log(`gatecheck serve ${scenario.id}: ${scenario.title}
  models:     ${scenario.basis}
  a correct gateway: ${expectation(scenario)}
${where}

${point}

Listening; every connection and request is logged below. Ctrl-C to stop.`);
}

const ROLES = ['primary', 'secondary'] as const;

/** Resolves on Ctrl-C, SIGTERM, or when whatever started `serve` is gone (npx killed, pipe closed); says which. */
async function untilStopped(): Promise<void> {
  const reason = await new Promise<string | null>((resolve) => {
    process.once('SIGINT', () => resolve(null));
    process.once('SIGTERM', () => resolve(null));
    watchStarter(resolve);
  });
  if (reason) console.error(`gatecheck serve: stopping: ${reason}`);
}


/** Every processor a scenario configures, primary first (the secondary on its own free port). */
async function startTopology(scenario: Scenario, options: Omit<StartOptions, 'pki'>): Promise<ProcessorServer[]> {
  const primary = await startProcessor(scenario, options);
  if (!scenario.secondary) return [primary];
  try {
    return [primary, await startProcessor({ ...scenario, processor: scenario.secondary.processor, gateway: scenario.secondary.gateway }, { profileOptions: options.profileOptions })];
  } catch (error) {
    await primary.close();
    throw error;
  }
}

export async function serveCommand(argv: string[]): Promise<number> {
  const args = parseCommand('serve', argv, { profile: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, 'raw-card-access': { type: 'boolean' }, target: { type: 'string' } }, Args);
  const id = args.positionals[0]!;
  if (isCustomId(id)) return serveCustom(await customScenario(id), args.port, args.json);
  let scenario: Scenario;
  try {
    scenario = getScenario(id);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args.target) return deliverWebhooks(scenario, args.target, args.json, args.profile);
  const release = markInUse(certsDir(), `gatecheck serve ${scenario.id}`);
  const servers = await startTopology(scenario, { profile: args.profile, port: args.port, profileOptions: { rawCardAccess: args['raw-card-access'] } });
  const server = servers[0]!;
  if (args.json) {
    const c = server.client;
    const topology = servers.length > 1 ? { processors: servers.map((s, i) => ({ role: ROLES[i], profile: s.profile, url: s.url, client: s.client, config: gatewayTopologyConfig(servers)[i] })) } : {};
    console.log(JSON.stringify({ id: scenario.id, profile: server.profile, url: server.url, client: c, ...topology }));
  } else {
    const configs = gatewayTopologyConfig(servers);
    printForPerson(scenario, servers.map((s, i) => ({ server: s, label: s.profile, config: configs[i]! })));
    servers.forEach((s, i) => s.watch((event) => console.log(`${servers.length > 1 ? `${ROLES[i]} ` : ''}${describeEvent(event)}`)));
  }
  await untilStopped();
  await Promise.all(servers.map((s) => s.close()));
  release();
  return 0;
}

/** A custom processor's scenario (`mobile-money/tls.expired-leaf`) from the project config. */
async function customScenario(id: string): Promise<CustomScenario> {
  const { customScenarios, processorOfId } = await import('../../mocks/custom/scenarios.ts');
  const { customProcessorsOfProject } = await import('../../tests/harness/custom-processors.ts');
  const all = customScenarios(await customProcessorsOfProject());
  const found = all.find((c) => c.scenario.id === id);
  if (found) return found;
  const processor = processorOfId(id);
  const known = [...new Set(all.map((c) => c.processor.name))];
  throw new UsageError(`gatecheck: no scenario "${id}": ${known.includes(processor!) ? `"${processor}" has no such scenario` : `no custom processor "${processor}" in the project config${known.length ? ` (it has ${known.join(', ')})` : ''}`}. List them: npx gatecheck list`);
}

/** Serves a custom processor's scenario until SIGINT or SIGTERM. */
async function serveCustom(custom: CustomScenario, port: number | undefined, json: boolean): Promise<number> {
  const { startCustomProcessor } = await import('../../mocks/custom/start.ts');
  const { customGatewayConfig } = await import('../../mocks/custom/gateway-config.ts');
  const release = markInUse(certsDir(), `gatecheck serve ${custom.scenario.id}`);
  const server = await startCustomProcessor(custom, { port });
  if (json) console.log(JSON.stringify({ id: custom.scenario.id, profile: 'custom', processor: custom.processor.name, url: server.url, client: server.client }));
  else {
    printForPerson(custom.scenario, [{ server, label: `${custom.processor.name} (custom, mockttp rules)`, config: customGatewayConfig(server) }]);
    server.watch((event) => console.log(describeEvent(event)));
  }
  await untilStopped();
  await server.close();
  release();
  return 0;
}

/** `serve <webhook scenario> --target URL`: deliver the scenario's webhooks, print the answers, judge the last one. */
async function deliverWebhooks(scenario: Scenario, target: string, json: boolean, profileName?: ProfileName): Promise<number> {
  if (scenario.drive.kind !== 'webhook') throw new UsageError(`gatecheck serve: --target is for webhook scenarios; ${scenario.id} is a ${scenario.family} scenario (npx gatecheck list --family webhook)`);
  const { getProfile } = await import('../../mocks/processors/index.ts');
  const { signedDeliveries } = await import('../../mocks/servers/webhook-deliveries.ts');
  const profile = getProfile(profileName ?? scenario.processor.profile);
  const answers: { delivery: number; status: number; body: string }[] = [];
  for (const [i, delivery] of signedDeliveries(profile, scenario.drive.deliveries).entries()) {
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      console.error(`gatecheck serve: ${unreachable(target, error)}`);
      return 2;
    }
    const body = await response.text();
    answers.push({ delivery: i + 1, status: response.status, body });
    if (!json) console.log(`delivery ${i + 1}/${scenario.drive.deliveries.length}: HTTP ${response.status} ${body.slice(0, 300)}`);
  }
  const verdict = judgeWebhookAnswers(scenario, answers);
  if (json) console.log(JSON.stringify({ id: scenario.id, target, answers, verdict: verdict.honoured ? 'honoured' : 'breached', line: verdict.line }));
  else console.log(verdict.line);
  return verdict.honoured ? 0 : 1;
}

/** The webhook clause of the contract for a gateway reached by URL: valid deliveries taken, the last one as the scenario expects. */
export function judgeWebhookAnswers(scenario: Scenario, answers: { status: number; body: string }[]): { honoured: boolean; line: string } {
  const e = scenario.expect;
  const last = answers.at(-1);
  const codeOf = (body: string) => {
    try {
      const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
      return typeof code === 'string' ? code : null;
    } catch {
      return null;
    }
  };
  const problems: string[] = [];
  answers.slice(0, -1).forEach((a, i) => { if (a.status >= 300) problems.push(`refused valid delivery ${i + 1} (${a.status})`); });
  if (!last) problems.push('answered no delivery');
  else if (e.outcome === 'ok' && last.status >= 300) problems.push(`refused the webhook (${last.status}${codeOf(last.body) ? ` ${codeOf(last.body)}` : ''}); expected it accepted (2xx)`);
  else if (e.outcome === 'rejected' && last.status < 300) problems.push(`accepted the webhook (${last.status}); expected a refusal with ${e.code}`);
  else if (e.outcome === 'rejected' && codeOf(last.body) !== e.code) problems.push(`refused the webhook with ${last.status} ${codeOf(last.body) ?? 'no error code'}; expected ${e.code}`);
  if (!problems.length) return { honoured: true, line: `${scenario.id}: honoured (${e.outcome === 'ok' ? 'the last delivery accepted' : `refused with ${e.code}`})` };
  return { honoured: false, line: `${scenario.id}: BREACHED: the gateway ${problems.join('; ')}` };
}

function unreachable(target: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return `nothing listens at ${target} (connection refused); fix: start your gateway, or check the host and port in --target`;
  if ((error as Error).name === 'TimeoutError') return `${target} did not answer within 10 s; fix: check that your gateway is up and its webhook route answers`;
  return `cannot reach ${target} (${cause?.code ?? (error as Error).message}); fix: check the URL and that your gateway is up`;
}
