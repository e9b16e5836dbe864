import { z } from 'zod';
import { getScenario } from '../../mocks/scenarios/index.ts';
import { getProfile } from '../../mocks/processors/index.ts';
import { ProfileName } from '../../mocks/processors/profile.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { gatewayProcessorConfig } from '../../mocks/servers/gateway-config.ts';
import { startProcessor, type ProcessorEvent, type ProcessorServer } from '../../mocks/servers/start-processor.ts';
import { signedDeliveries } from '../../mocks/servers/webhook-deliveries.ts';
import { parseCommand, UsageError } from './usage.ts';
import { watchStarter } from '../lifetime/starter-watch.ts';
import { markInUse } from '../../mocks/pki/in-use.ts';
import { certsDir } from '../../mocks/pki/paths.ts';

export const serveHelp = `Usage: npx gatecheck serve <scenario-id> [--profile P] [--port N] [--json] [--target URL]

Runs one scenario's mock processor on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM, or until the
process that started it exits (npx, a shell script) or its stdin pipe closes.
  --profile P  processor profile: ${ProfileName.options.join(', ')} (default: the scenario's)
  --port N     listen on port N (default: a free port)
  --json       print one JSON line {id, profile, url, client} once listening, nothing else
  --target URL webhook scenarios: deliver the scenario's webhook(s) to your gateway's webhook
               URL (e.g. http://127.0.0.1:8080/webhooks/stripe), print its answers, and exit

List the scenarios: npx gatecheck list`;

const Args = z.object({
  target: z.url({ protocol: /^https?$/, error: 'an http(s):// URL of the gateway webhook endpoint' }).optional(),
  profile: ProfileName.optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  json: z.boolean().default(false),
  positionals: z.array(z.string()).length(1, 'give exactly one scenario id, e.g. npx gatecheck serve tls.expired-leaf'),
});

function expectation(s: Scenario): string {
  const e = s.expect;
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

function printForPerson(scenario: Scenario, server: ProcessorServer): void {
  const config = gatewayProcessorConfig(server);
  console.log(`gatecheck serve ${scenario.id}: ${scenario.title}
  models:     ${scenario.basis}
  a correct gateway: ${expectation(scenario)}
  processor:  ${server.profile} at ${server.url}

Point a gateway at it (one entry of the reference gateway's "processors" list):
${JSON.stringify(config, null, 2).replace(/^/gm, '  ')}

Listening; every connection and request is logged below. Ctrl-C to stop.`);
}

export async function serveCommand(argv: string[]): Promise<number> {
  const args = parseCommand('serve', argv, { profile: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' }, target: { type: 'string' } }, Args);
  let scenario: Scenario;
  try {
    scenario = getScenario(args.positionals[0]!);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (args.target) return deliverWebhooks(scenario, args.target, args.json, args.profile);
  const release = markInUse(certsDir(), `gatecheck serve ${scenario.id}`);
  const server = await startProcessor(scenario, { profile: args.profile, port: args.port });
  if (args.json) {
    const c = server.client;
    console.log(JSON.stringify({ id: scenario.id, profile: server.profile, url: server.url, client: c }));
  } else {
    printForPerson(scenario, server);
    server.watch((event) => console.log(describeEvent(event)));
  }
  // Ends on Ctrl-C, SIGTERM, or when whatever started it is gone (npx killed, pipe closed).
  const reason = await new Promise<string | null>((resolve) => {
    process.once('SIGINT', () => resolve(null));
    process.once('SIGTERM', () => resolve(null));
    watchStarter(resolve);
  });
  if (reason) console.error(`gatecheck serve: stopping: ${reason}`);
  await server.close();
  release();
  return 0;
}

/** `serve <webhook scenario> --target URL`: deliver the scenario's webhooks and print the answers. */
async function deliverWebhooks(scenario: Scenario, target: string, json: boolean, profileName?: ProfileName): Promise<number> {
  if (scenario.drive.kind !== 'webhook') throw new UsageError(`gatecheck serve: --target is for webhook scenarios; ${scenario.id} is a ${scenario.family} scenario (npx gatecheck list --family webhook)`);
  const profile = getProfile(profileName ?? scenario.processor.profile);
  const answers = [];
  for (const [i, delivery] of signedDeliveries(profile, scenario.drive.deliveries).entries()) {
    const response = await fetch(target, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(10_000) });
    const body = await response.text();
    answers.push({ delivery: i + 1, status: response.status, body });
    if (!json) console.log(`delivery ${i + 1}/${scenario.drive.deliveries.length}: HTTP ${response.status} ${body.slice(0, 300)}`);
  }
  const e = scenario.expect;
  if (json) console.log(JSON.stringify({ id: scenario.id, target, answers }));
  else console.log(`a correct gateway: ${e.outcome === 'ok' ? 'accepts the last delivery (2xx)' : `refuses the last delivery with ${e.code}`}`);
  return 0;
}
