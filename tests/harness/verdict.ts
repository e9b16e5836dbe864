import { codeInfo, type ErrorCode } from '../../mocks/scenarios/codes.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { judgeAccounting } from './clauses/accounting.ts';
import { judgeBound, judgeRetryGap } from './clauses/timing.ts';
import { judgeTopology } from './clauses/topology.ts';
import type { Observation } from './observation.ts';
import { wholeSentences } from './sentences.ts';

/** The contract clauses of DESIGN.md, "What a correct gateway does". */
export type Clause = 'boot' | 'outcome' | 'wire' | 'fail-closed' | 'code' | 'bounded' | 'retries' | 'health' | 'metrics' | 'discreet' | 'failover' | 'isolation' | 'timing';

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
    else if (o.boot.code !== e.code) breach('boot', `refused to start with ${describeCode(o.boot.code)} (${wholeSentences(o.boot.message, 160)})`, `a refusal to start with ${e.code}`);
    if (o.requests.length) breach('fail-closed', `card data reached the processor (${o.requests.length} request(s))`, 'no request');
    return finish(scenario, breaches);
  }
  if (!o.boot.ok) {
    breach('boot', `refused to start with ${describeCode(o.boot.code)}: ${wholeSentences(o.boot.message, 200)}`, 'a clean start');
    return finish(scenario, breaches);
  }
  if (scenario.drive.kind === 'webhook') {
    judgeWebhooks(scenario, o, breach);
  } else if (scenario.secondary) {
    judgeTopology(scenario, o, wire, breach);
  } else {
    judgePayments(scenario, o, wire, breach);
  }
  if (scenario.drive.kind === 'pay') {
    judgeRetryGap(scenario, o, wire, breach);
    judgeAccounting(scenario, o, breach);
  }
  for (const leak of o.leaks) breach('discreet', `leaked the ${leak}`, 'no secret or card number anywhere');
  return finish(scenario, breaches);
}

export type Breacher = (clause: Clause, did: string, should: string) => void;

function judgeWebhooks(scenario: Scenario, o: Observation, breach: Breacher): void {
  const e = scenario.expect;
  const last = o.webhooks.at(-1);
  o.webhooks.slice(0, -1).forEach((w, i) => {
    if (w.status >= 300) breach('outcome', `refused valid delivery ${i + 1} (${w.status} ${describeCode(w.code)})`, 'valid deliveries accepted');
  });
  if (!last) return breach('outcome', 'was given no webhook', 'a delivery to judge');
  if (e.outcome === 'ok' && last.status >= 300) breach('outcome', `refused the webhook (${last.status} ${describeCode(last.code)})`, 'the webhook accepted (2xx)');
  if (e.outcome === 'rejected') {
    if (last.status < 300) breach('outcome', `accepted the webhook (${last.status})`, `a refusal with ${e.code}`);
    else if (last.code !== e.code) breach('code', `refused the webhook with ${last.status} ${describeCode(last.code)}`, `${e.code} (${codeInfo(e.code as ErrorCode).summary})`);
  }
}

function judgePayments(scenario: Scenario, o: Observation, wire: WireFacts, breach: Breacher): void {
  const e = scenario.expect;
  const p = o.payment!;
  const attempts = paymentRouteRequests(o, wire.paymentPath);
  const keys = new Set(attempts.map((r) => r.headers[wire.idempotencyHeader]));
  if (keys.size > 1) breach('retries', `sent ${keys.size} different idempotency keys for one payment`, 'the same idempotency key on every attempt');
  if (o.committed.length > 1) breach('outcome', `charged ${o.committed.length} times`, 'at most one charge');
  if (e.outcome === 'ok') {
    const refused = o.payments.filter((x) => !x.taken);
    if (refused.length) breach('outcome', refused.map((x) => `answered ${x.status}${x.code ? ` ${x.code}` : ''}`).join(', then '), 'the payment taken');
    if (o.committed.length === 0) breach('outcome', 'charged nothing at the processor', 'exactly one charge');
    const replay = replayProblem(o);
    if (replay) breach('outcome', replay, 'the first result replayed');
    for (const problem of o.wireProblems) breach('wire', problem, 'requests that match the processor API');
    if (o.health?.state === 'down') breach('health', `/health showed the processor down with ${describeCode(o.health.code)}`, '/health up');
    // A good outcome is bounded too: a processor that drips or loses an answer must be timed out and retried, not waited for.
    judgeBound(e.withinMs, o, breach);
    return;
  }
  if (p.taken) {
    breach('outcome', `payment sent (${p.status}) though ${codeInfo(e.code as ErrorCode).summary}`, `${e.code}${e.paymentSent ? '' : ' and no request'}`);
  } else if (p.code !== e.code) {
    breach('code', answered(o), `${e.code} (${codeInfo(e.code as ErrorCode).summary})`);
  }
  if (!e.paymentSent && attempts.length) breach('fail-closed', `card data reached the processor (${attempts.length} request(s))`, 'no request');
  judgeBound(e.withinMs, o, breach);
  if (!e.retryable) {
    if (attempts.length > o.payments.length) breach('retries', `sent the payment ${attempts.length} times`, 'no retry');
    if (!e.paymentSent && o.connections > o.payments.length) breach('retries', `opened ${o.connections} connections`, 'a single attempt');
  } else if (e.paymentSent && attempts.length < 2) {
    breach('retries', `gave up after ${attempts.length} attempt(s)`, `a retry of the retryable ${e.code}`);
  }
  if (!o.health) breach('health', '/health did not list the processor', `/health ${e.health}`);
  else if (e.health === 'down' && (o.health.state !== 'down' || o.health.code !== e.code)) {
    breach('health', `/health showed the processor ${o.health.state} with ${describeCode(o.health.code)}`, `/health down with ${e.code}`);
  } else if (e.health === 'up' && o.health.state === 'down') {
    breach('health', `/health showed the processor down with ${describeCode(o.health.code)} after ${e.code}`, '/health up (not an outage)');
  }
  if (e.health === 'down' && o.failures && o.failures.after <= o.failures.before) {
    breach('metrics', `the ${e.code} failure counter stayed at ${o.failures.after}`, `the failure counter for ${e.code} to go up`);
  }
}

/**
 * The replay clause, judged on the processor's record, whatever the gateway's answer shape: a
 * repeated payment is one charge at the processor, and an answer that names that charge (its id
 * anywhere in the body) is named by every answer to the repeat, never by a different one.
 */
function replayProblem(o: Observation): string | null {
  if (o.payments.length < 2) return null;
  // More than one charge is the "charged N times" breach already; here the answers are held to the one charge.
  const charge = o.committed.find((c) => c.outcome === 'approved')?.id;
  if (!charge || !o.payments[0]!.body.includes(charge)) return null;
  const other = o.payments.slice(1).find((p) => p.status === 201 && !p.body.includes(charge));
  return other ? `answered a repeated payment without the charge the processor recorded (${charge})` : null;
}

export function finish(scenario: Scenario, breaches: Breach[]): Verdict {
  const id = scenario.id;
  if (!breaches.length) return { pass: true, breaches, line: `${id}: honoured. Reproduce: ${reproduce(id)}` };
  const did = breaches.map((b) => b.did).join('; ');
  const shoulds = [...new Set(breaches.map((b) => b.should))];
  const should = shoulds.filter((a) => !shoulds.some((b) => b !== a && b.includes(a))).join('; ');
  return { pass: false, breaches, line: `${id}: ${did}; expected ${should}. Reproduce: ${reproduce(id)}` };
}
