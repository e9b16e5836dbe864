import { codeInfo, type ErrorCode } from '../../../mocks/scenarios/codes.ts';
import type { ProcessorExpectation, Scenario } from '../../../mocks/scenarios/schema.ts';
import type { Observation, ProcessorFacts } from '../observation.ts';
import type { Breacher, WireFacts } from '../verdict.ts';
import { judgeBound } from './timing.ts';

const describeCode = (code: string | null) => code ?? 'no error code';
const who = (p: ProcessorFacts) => `${p.name} (${p.role})`;

/** The answer the caller got, against the scenario's outcome and code. */
function judgeAnswer(scenario: Scenario, o: Observation, breach: Breacher): void {
  const e = scenario.expect;
  const p = o.payment;
  if (!p) return breach('outcome', 'took no payment', 'a payment to judge');
  if (e.outcome === 'ok') {
    const refused = o.payments.filter((x) => !x.taken);
    if (refused.length) breach('outcome', refused.map((x) => `answered ${x.status}${x.code ? ` ${x.code}` : ''}`).join(', then '), 'the payment taken');
  } else if (p.taken) {
    breach('outcome', `payment sent (${p.status}) though ${codeInfo(e.code as ErrorCode).summary}`, `${e.code}`);
  } else if (p.code !== e.code) {
    breach('code', `answered ${p.status} ${describeCode(p.code)}`, `${e.code} (${codeInfo(e.code as ErrorCode).summary})`);
  }
  judgeBound(e.withinMs, o, breach);
}

/** Charges and requests per processor, and across all of them. */
function judgeCharges(topology: ProcessorFacts[], expected: Record<ProcessorFacts['role'], ProcessorExpectation>, outcome: string, breach: Breacher): void {
  const total = topology.reduce((sum, p) => sum + p.charges, 0);
  if (total > 1) breach('failover', `charged ${total} times across processors (${topology.map((p) => `${p.name} ${p.charges}`).join(', ')})`, 'at most one charge across all processors');
  if (outcome === 'ok' && total === 0) breach('outcome', 'charged nothing at any processor', 'exactly one charge');
  for (const p of topology) {
    const want = expected[p.role];
    if (!want.reached && p.paymentRequests > 0) breach('failover', `sent the payment to ${who(p)} (${p.paymentRequests} request(s))`, `no payment request at ${p.name}`);
    else if (p.charges !== want.charges && total <= 1) breach('failover', `left ${p.charges} charge(s) at ${who(p)}`, `${want.charges} charge(s) at ${p.name}`);
    if (p.idempotencyKeys.length > 1) breach('retries', `sent ${p.idempotencyKeys.length} different idempotency keys to ${who(p)}`, 'the same idempotency key on every attempt at one processor');
  }
}

/** /health per processor: the failing one down with its code, the one that took over up. */
function judgeHealthPerProcessor(topology: ProcessorFacts[], expected: Record<ProcessorFacts['role'], ProcessorExpectation>, breach: Breacher): void {
  for (const p of topology) {
    const want = expected[p.role];
    if (want.health === 'any') continue;
    if (!p.health) breach('health', `/health did not list ${who(p)}`, `/health ${want.health} for ${p.name}`);
    else if (want.health === 'down' && (p.health.state !== 'down' || p.health.code !== want.code)) {
      breach('health', `/health showed ${who(p)} ${p.health.state} with ${describeCode(p.health.code)}`, `/health: ${p.name} down with ${want.code}`);
    } else if (want.health === 'up' && p.health.state !== 'up') {
      breach('health', `/health showed ${who(p)} ${p.health.state} with ${describeCode(p.health.code)}`, `/health: ${p.name} up`);
    }
  }
}

/** Client certificates and credentials reach only the processor they belong to. */
function judgeIsolation(topology: ProcessorFacts[], breach: Breacher): void {
  for (const p of topology) {
    for (const subject of p.clientCertsPresented.filter((s) => s !== p.ownClientCert)) {
      breach('isolation', `presented the client certificate ${subject} to ${who(p)}, configured with ${p.ownClientCert ?? 'none'}`, 'each processor sees only its own client certificate');
    }
    for (const label of p.foreignSecrets) breach('isolation', `sent the ${label} to ${who(p)}`, 'each processor sees only its own credentials');
  }
}

/**
 * A scenario with a primary and a secondary processor: the caller's answer, charges per processor
 * and across all (failover only when nothing was written), /health per processor, and isolation
 * of TLS material and credentials. Judges `o.topology`; without it, a harness fault is reported.
 */
export function judgeTopology(scenario: Scenario, o: Observation, _wire: WireFacts, breach: Breacher): void {
  const expected = scenario.expect.processors;
  if (!expected || !o.topology) return breach('outcome', 'was observed with one processor only', 'a run with every processor of the topology');
  judgeAnswer(scenario, o, breach);
  judgeCharges(o.topology, expected, scenario.expect.outcome, breach);
  judgeHealthPerProcessor(o.topology, expected, breach);
  judgeIsolation(o.topology, breach);
  for (const problem of o.wireProblems) breach('wire', problem, 'requests that match the processor API');
}
