import { codeInfo, type ErrorCode } from '../../mocks/scenarios/codes.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from './observation.ts';

/** The contract clauses of DESIGN.md, "What a correct gateway does". */
export type Clause = 'boot' | 'outcome' | 'wire' | 'fail-closed' | 'code' | 'bounded' | 'retries' | 'health' | 'metrics' | 'discreet';

export type Breach = { clause: Clause; did: string; should: string };

export type Verdict = { pass: boolean; breaches: Breach[]; line: string };

export const reproduce = (id: string) => `npx gatecheck serve ${id}`;

const describeCode = (code: string | null) => (code ? `${code}` : 'no error code');

/** What the gateway answered, in a few words: "answered 201", "answered 502 TLS_HANDSHAKE_FAILED". */
function answered(o: Observation): string {
  if (!o.payment) return 'took no payment';
  return `answered ${o.payment.status}${o.payment.code ? ` ${o.payment.code}` : ''}`;
}

function paymentRouteRequests(o: Observation, paymentPath: string) {
  return o.requests.filter((r) => r.method === 'POST' && r.path === paymentPath);
}

/**
 * Judges one observation against its scenario, clause by clause. Pure: the matcher and the
 * `run` matrix both use it, so a verdict means the same everywhere.
 */
export type WireFacts = { paymentPath: string; idempotencyHeader: string };

export function judge(scenario: Scenario, o: Observation, wire: WireFacts): Verdict {
  const e = scenario.expect;
  const breaches: Breach[] = [];
  const breach = (clause: Clause, did: string, should: string) => breaches.push({ clause, did, should });

  if (e.outcome === 'boot-refused') {
    if (o.boot.ok) breach('boot', `started and ${answered(o)}`, `refuse to start with ${e.code}`);
    else if (o.boot.code !== e.code) breach('boot', `refused to start with ${describeCode(o.boot.code)} (${o.boot.message.slice(0, 160)})`, `refuse to start with ${e.code}`);
    if (o.requests.length) breach('fail-closed', `sent ${o.requests.length} request(s) to the processor`, 'send nothing');
    return finish(scenario, breaches);
  }
  if (!o.boot.ok) {
    breach('boot', `refused to start with ${describeCode(o.boot.code)}: ${o.boot.message.slice(0, 200)}`, 'start');
    return finish(scenario, breaches);
  }
  const p = o.payment!;
  const attempts = paymentRouteRequests(o, wire.paymentPath);

  if (e.outcome === 'ok') {
    if (p.status !== 201) breach('outcome', `${answered(o)}`, 'take the payment (201)');
    if (o.committed.length !== 1) breach('outcome', `left ${o.committed.length} committed charge(s) at the processor`, 'charge exactly once');
    for (const problem of o.wireProblems) breach('wire', problem, 'send what the processor API expects');
  } else {
    if (p.status === 201) {
      breach('outcome', `payment sent (201) though ${codeInfo(e.code as ErrorCode).summary}`, `fail with ${e.code}${e.paymentSent ? '' : ' and no request'}`);
    } else if (p.code !== e.code) {
      breach('code', `${answered(o)}`, `report ${e.code} (${codeInfo(e.code as ErrorCode).summary})`);
    }
    if (!e.paymentSent && o.requests.length) {
      breach('fail-closed', `let ${o.requests.length} request(s) with card data reach the processor`, 'send no request at all');
    }
    if (p.elapsedMs > e.withinMs) breach('bounded', `took ${Math.round(p.elapsedMs)} ms`, `report within ${e.withinMs} ms`);
    if (e.retryable) {
      const keys = new Set(attempts.map((r) => r.headers[wire.idempotencyHeader]));
      if (keys.size > 1) breach('retries', `retried with ${keys.size} different idempotency keys`, 'retry with the same idempotency key');
    } else {
      if (attempts.length > 1) breach('retries', `sent the payment ${attempts.length} times`, 'not retry a non-retryable failure');
      if (!e.paymentSent && o.connections > 1) breach('retries', `opened ${o.connections} connections`, 'try once and not retry a TLS failure');
    }
    if (o.health && (o.health.state !== 'down' || o.health.code !== e.code)) {
      breach('health', `showed the processor ${o.health.state} with ${describeCode(o.health.code)}`, `show it down with ${e.code}`);
    }
    if (!o.health) breach('health', 'did not list the processor in /health', `show it down with ${e.code}`);
    if (o.failures && o.failures.after <= o.failures.before) breach('metrics', `did not count the failure (${e.code} counter stayed at ${o.failures.after})`, `increment the failure counter labelled ${e.code}`);
  }
  if (e.outcome === 'ok' && o.health && o.health.state === 'down') breach('health', `showed the processor down with ${describeCode(o.health.code)}`, 'show it up');
  for (const leak of o.leaks) breach('discreet', `leaked the ${leak}`, 'never show a secret or card number');
  return finish(scenario, breaches);
}

function finish(scenario: Scenario, breaches: Breach[]): Verdict {
  const id = scenario.id;
  if (!breaches.length) return { pass: true, breaches, line: `${id}: honoured. Reproduce: ${reproduce(id)}` };
  const did = breaches.map((b) => b.did).join('; ');
  const should = [...new Set(breaches.map((b) => b.should))].join('; ');
  return { pass: false, breaches, line: `${id}: gateway ${did}; expected it to ${should}. Reproduce: ${reproduce(id)}` };
}
