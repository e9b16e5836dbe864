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
    if (o.boot.ok) breach('boot', `started and ${answered(o)}`, `a refusal to start with ${e.code}`);
    else if (o.boot.code !== e.code) breach('boot', `refused to start with ${describeCode(o.boot.code)} (${o.boot.message.slice(0, 160)})`, `a refusal to start with ${e.code}`);
    if (o.requests.length) breach('fail-closed', `card data reached the processor (${o.requests.length} request(s))`, 'no request');
    return finish(scenario, breaches);
  }
  if (!o.boot.ok) {
    breach('boot', `refused to start with ${describeCode(o.boot.code)}: ${o.boot.message.slice(0, 200)}`, 'a clean start');
    return finish(scenario, breaches);
  }
  const p = o.payment!;
  const attempts = paymentRouteRequests(o, wire.paymentPath);

  if (e.outcome === 'ok') {
    if (p.status !== 201) breach('outcome', answered(o), 'the payment taken (201)');
    if (o.committed.length !== 1) breach('outcome', `${o.committed.length} charge(s) at the processor`, 'exactly one charge');
    for (const problem of o.wireProblems) breach('wire', problem, 'requests that match the processor API');
  } else {
    if (p.status === 201) {
      breach('outcome', `payment sent (201) though ${codeInfo(e.code as ErrorCode).summary}`, `${e.code}${e.paymentSent ? '' : ' and no request'}`);
    } else if (p.code !== e.code) {
      breach('code', answered(o), `${e.code} (${codeInfo(e.code as ErrorCode).summary})`);
    }
    if (!e.paymentSent && o.requests.length) {
      breach('fail-closed', `card data reached the processor (${o.requests.length} request(s))`, 'no request');
    }
    if (p.elapsedMs > e.withinMs) breach('bounded', `answered after ${Math.round(p.elapsedMs)} ms`, `an answer within ${e.withinMs} ms`);
    if (e.retryable) {
      const keys = new Set(attempts.map((r) => r.headers[wire.idempotencyHeader]));
      if (keys.size > 1) breach('retries', `retried with ${keys.size} different idempotency keys`, 'the same idempotency key on every retry');
    } else {
      if (attempts.length > 1) breach('retries', `sent the payment ${attempts.length} times`, 'no retry');
      if (!e.paymentSent && o.connections > 1) breach('retries', `opened ${o.connections} connections`, 'a single attempt');
    }
    if (o.health && (o.health.state !== 'down' || o.health.code !== e.code)) {
      breach('health', `/health showed the processor ${o.health.state} with ${describeCode(o.health.code)}`, `/health down with ${e.code}`);
    }
    if (!o.health) breach('health', '/health did not list the processor', `/health down with ${e.code}`);
    if (o.failures && o.failures.after <= o.failures.before) breach('metrics', `the ${e.code} failure counter stayed at ${o.failures.after}`, `the failure counter for ${e.code} to go up`);
  }
  if (e.outcome === 'ok' && o.health && o.health.state === 'down') breach('health', `/health showed the processor down with ${describeCode(o.health.code)}`, '/health up');
  for (const leak of o.leaks) breach('discreet', `leaked the ${leak}`, 'no secret or card number anywhere');
  return finish(scenario, breaches);
}

function finish(scenario: Scenario, breaches: Breach[]): Verdict {
  const id = scenario.id;
  if (!breaches.length) return { pass: true, breaches, line: `${id}: honoured. Reproduce: ${reproduce(id)}` };
  const did = breaches.map((b) => b.did).join('; ');
  const shoulds = [...new Set(breaches.map((b) => b.should))];
  const should = shoulds.filter((a) => !shoulds.some((b) => b !== a && b.includes(a))).join('; ');
  return { pass: false, breaches, line: `${id}: ${did}; expected ${should}. Reproduce: ${reproduce(id)}` };
}
