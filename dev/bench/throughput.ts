import { readFileSync } from 'node:fs';
import https from 'node:https';
import { loadPki } from '../../mocks/pki/load.ts';
import { PING_PATH } from '../../mocks/servers/http-app.ts';
import { stripe } from '../../mocks/processors/stripe.ts';
import { spawnWithLine } from './child.ts';
import { load, type LoadResult } from './load.ts';
import { figure, median, percentile, round, type Figure } from './stats.ts';

/** The payment a gateway sends to the stripe mock, as the reference gateway encodes it. */
const FORM = new URLSearchParams({
  amount: '1000', currency: 'eur', confirm: 'true', 'payment_method_data[type]': 'card', 'payment_method_data[card][number]': '4242424242424242',
  'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': '2030', 'payment_method_data[card][cvc]': '123', 'metadata[reference]': 'bench',
}).toString();

export const benchRequest = (path = '/v1/payment_intents') => Buffer.from(
  `POST ${path} HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${stripe.credentials.kind === 'secret-key' ? stripe.credentials.secretKey : ''}\r\n` +
  `content-type: application/x-www-form-urlencoded\r\naccept: application/json\r\ncontent-length: ${Buffer.byteLength(FORM)}\r\n\r\n${FORM}`,
);

/** The example mobile-money processor's payment, as the reference gateway's generic client sends it. */
const TRANSFER = JSON.stringify({ amount: { value: 1000, currency: 'EUR' }, payer: { msisdn: '4242424242424242' }, externalId: 'bench' });
export const customBenchRequest = () => Buffer.from(
  'POST /mm/v2/transfers HTTP/1.1\r\nhost: localhost\r\nx-api-key: mm_test_key_5d1c0a\r\nauthorization: Bearer mm_test_token_9f2b77e1\r\n' +
  `x-reference-id: bench-1\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: ${Buffer.byteLength(TRANSFER)}\r\n\r\n${TRANSFER}`,
);

const clientTls = () => {
  const pki = loadPki();
  return { ca: readFileSync(pki.bundlePath('trust-current')), servername: 'localhost' };
};

/** One request through node:https: the mock's real answer, which the bare server then repeats. */
function oneReply(port: number, path: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method: 'POST', path, ...clientTls(), headers: { authorization: `Bearer ${(stripe.credentials as { secretKey: string }).secretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? 'application/json'), body }));
    });
    req.on('error', reject);
    req.end(FORM);
  });
}

/** Answers every server gives before it is measured, whatever the warm-up time. */
const WARMUP_ANSWERS = 5_000;

export type ThroughputOptions = { runs: number; durationMs: number; warmupMs: number; connections: number };
type Side = { rps: number[]; p50: number[]; p99: number[]; rssMiB: number[]; cpuUsPerRequest: number[]; errors: number; statuses: Record<string, number> };
const side = (): Side => ({ rps: [], p50: [], p99: [], rssMiB: [], cpuUsPerRequest: [], errors: 0, statuses: {} });

/** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat on every mainstream architecture. */
const CLOCK_TICKS_PER_S = 100;

/** A process's CPU time so far (user + system, in microseconds), or null where /proc has none. */
function cpuUs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1e6;
  } catch {
    return null;
  }
}

async function measure(kind: 'bare' | 'mock' | 'custom', path: string, options: ThroughputOptions, env: Record<string, string>, into: Side): Promise<void> {
  const server = await spawnWithLine(['--import', 'tsx', 'dev/bench/throughput-server.ts', kind], env);
  try {
    const port = Number(server.line.port);
    const base = { port, request: kind === 'custom' ? customBenchRequest() : benchRequest(path), connections: options.connections, maxRequests: 2_000_000, tls: clientTls() };
    // Both sides are warmed alike, by time and by count: the payment route's functions are optimised
    // only after ~3,000 answers, which a 1 s warm-up on a loaded machine does not reach.
    const warmed = options.warmupMs ? (await load({ ...base, durationMs: options.warmupMs })).requests : 0;
    if (warmed < WARMUP_ANSWERS) await load({ ...base, durationMs: 30_000, maxRequests: WARMUP_ANSWERS - warmed });
    const cpuBefore = cpuUs(server.child.pid);
    const result: LoadResult = await load({ ...base, durationMs: options.durationMs });
    const cpuAfter = cpuUs(server.child.pid);
    // The server's own CPU per answer: what the route costs, less bent by the machine's load than req/s.
    if (cpuBefore !== null && cpuAfter !== null && result.requests > 0) into.cpuUsPerRequest.push((cpuAfter - cpuBefore) / result.requests);
    into.rps.push(result.rps);
    into.p50.push(percentile(result.latenciesMs, 50));
    into.p99.push(percentile(result.latenciesMs, 99));
    into.rssMiB.push(server.peakRssMiB());
    into.errors += result.errors;
    for (const [k, v] of Object.entries(result.statuses)) into.statuses[k] = (into.statuses[k] ?? 0) + v;
  } finally {
    await server.stop();
  }
}

const notes = (s: Side) => ({
  p50Ms: round(median(s.p50), 2), p99Ms: round(median(s.p99), 2), peakRssMiB: round(Math.max(...s.rssMiB)),
  ...(s.cpuUsPerRequest.length ? { serverCpuUsPerRequest: round(median(s.cpuUsPerRequest)) } : {}),
  errors: s.errors, statuses: s.statuses,
});

/**
 * Keep-alive throughput of the mock processor vs a bare node:https server answering the same body:
 * the payment route (the stripe profile's whole payment path: auth, form decoding, schema, charge)
 * and the harness's static ping route (TLS front + HTTP only, what a peer's canned stub does).
 */
export async function throughput(options: ThroughputOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const [id, path, what] of [
    ['mock-throughput', '/v1/payment_intents', 'stripe POST /v1/payment_intents (the whole payment path)'],
    ['mock-throughput-static', PING_PATH, `static route ${PING_PATH} (TLS front + HTTP, no profile logic)`],
  ] as const) {
    const probe = await spawnWithLine(['--import', 'tsx', 'dev/bench/throughput-server.ts', 'mock']);
    const reply = await oneReply(Number(probe.line.port), path).finally(() => probe.stop());
    const bare = side();
    const mock = side();
    for (let i = 0; i < options.runs; i++) {
      // Alternate, so drift in the machine's load hits both alike.
      await measure('bare', path, options, { GATECHECK_BENCH_REPLY: JSON.stringify(reply) }, bare);
      await measure('mock', path, options, {}, mock);
    }
    // Each mock run against the bare run just before it: drift in the machine's load hits a pair alike.
    const paired = mock.rps.map((rps, i) => rps / bare.rps[i]!);
    const rps = figure({
      id, what: `mock processor (tls.good-chain), ${what}, ${options.connections} keep-alive connections`, unit: 'req/s', better: 'higher',
      samples: mock.rps, baseline: { what: 'bare node:https, same body', value: median(bare.rps), samples: bare.rps },
      notes: {
        mock: notes(mock), bare: notes(bare), pairedRatio: { median: round(median(paired), 3), samples: paired.map((r) => round(r, 3)) },
        load: `built-in keep-alive generator, ${options.durationMs} ms per run after ${options.warmupMs} ms and at least ${WARMUP_ANSWERS} answers of warm-up`,
      },
    });
    const p99 = median(mock.p99);
    rps.goal = id === 'mock-throughput'
      ? { text: '>= 0.4x bare with p99 <= 3 ms', met: (rps.ratio ?? 0) >= 0.4 && p99 <= 3 }
      : { text: 'keep >= 0.65x bare', met: (rps.ratio ?? 0) >= 0.65 };
    figures.push(rps);
    if (id === 'mock-throughput') {
      const latency = figure({ id: 'mock-p99', what: 'mock processor p99 latency under that load (payment route)', unit: 'ms', better: 'lower', samples: mock.p99, baseline: { what: 'bare node:https p99', value: median(bare.p99), samples: bare.p99 } });
      latency.goal = { text: '<= 3 ms', met: p99 <= 3 };
      const memory = figure({ id: 'mock-peak-rss', what: 'mock processor peak RSS after the load (VmHWM, payment route)', unit: 'MiB', better: 'lower', samples: mock.rssMiB, baseline: { what: 'bare node:https peak RSS', value: median(bare.rssMiB), samples: bare.rssMiB } });
      figures.push(latency, memory);
    }
  }
  return figures;
}

/**
 * A custom processor's payment route (mockttp rules behind the TLS front and its recorder: the
 * example mobile-money API's thenCallback) beside the built-in node:http path (the stripe
 * profile's payment route), same generator, alternated run by run.
 */
export async function customThroughput(options: ThroughputOptions): Promise<Figure[]> {
  const builtIn = side();
  const custom = side();
  for (let i = 0; i < options.runs; i++) {
    await measure('mock', '/v1/payment_intents', options, {}, builtIn);
    await measure('custom', '/mm/v2/transfers', options, {}, custom);
  }
  const rps = figure({
    id: 'custom-throughput', what: `custom processor on mockttp (examples/custom-processor, mobile-money/tls.good-chain), POST /mm/v2/transfers, ${options.connections} keep-alive connections`,
    unit: 'req/s', better: 'higher', samples: custom.rps,
    baseline: { what: 'built-in node:http path (stripe POST /v1/payment_intents)', value: median(builtIn.rps), samples: builtIn.rps },
    notes: { custom: notes(custom), builtIn: notes(builtIn), load: `built-in keep-alive generator, ${options.durationMs} ms per run after ${options.warmupMs} ms and at least ${WARMUP_ANSWERS} answers of warm-up` },
  });
  const p99 = figure({ id: 'custom-p99', what: 'custom processor p99 latency under that load', unit: 'ms', better: 'lower', samples: custom.p99, baseline: { what: 'built-in node:http path p99', value: median(builtIn.p99), samples: builtIn.p99 } });
  return [rps, p99];
}
