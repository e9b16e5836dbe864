import type { CoarseCode, Waiver } from '../../config/schema.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import type { Observation } from './observation.ts';
import { finish, judge, type Breach, type WireFacts } from './verdict.ts';

/** What the project config declares about verdicts: waivers and coarse codes. */
export type VerdictTerms = { waive: readonly Waiver[]; coarse: readonly CoarseCode[] };
export const NO_TERMS: VerdictTerms = { waive: [], coarse: [] };

/**
 * A judged scenario as the matrix shows it. `coarse` and `waived` pass, each with its reason, and
 * are never shown as plain honoured; `breached` fails with the one-line breach.
 */
export type Assessment =
  | { verdict: 'honoured'; line: string; breaches: []; reason: null }
  | { verdict: 'coarse'; code: string; line: string; breaches: []; reason: string }
  | { verdict: 'waived'; line: string; breaches: Breach[]; reason: string }
  | { verdict: 'breached'; line: string; breaches: Breach[]; reason: null };

/** The coarse code the config declares for a scenario, if any. */
export const coarseFor = (scenario: Scenario, terms: VerdictTerms): CoarseCode | null => terms.coarse.find((c) => c.scenario === scenario.id) ?? null;

/** The scenario expecting its coarse code in place of the specific one. */
function coarsened(scenario: Scenario, code: string): Scenario {
  return { ...scenario, expect: { ...scenario.expect, code: code as Scenario['expect']['code'] } };
}

/**
 * judge(), then the config's terms. A gateway that meets the specific expectation is honoured,
 * coarse code or not; otherwise a coarse code replaces the expected one (honoured (coarse) when
 * all holds). A waiver drops the breaches it covers.
 */
export function assess(scenario: Scenario, o: Observation, wire: WireFacts, terms: VerdictTerms): Assessment {
  const plain = judge(scenario, o, wire);
  const coarse = plain.pass ? null : coarseFor(scenario, terms);
  const verdict = coarse ? judge(coarsened(scenario, coarse.code), o, wire) : plain;
  const waivers = terms.waive.filter((w) => w.scenario === scenario.id);
  const covered = (b: Breach) => waivers.find((w) => !w.clause || w.clause === b.clause);
  const waived = verdict.breaches.filter(covered);
  const left = verdict.breaches.filter((b) => !covered(b));
  if (left.length) {
    const line = finish(scenario, left).line;
    return { verdict: 'breached', line: coarse ? line.replace(': ', `: (coarse: ${coarse.code}) `) : line, breaches: left, reason: null };
  }
  if (waived.length) {
    const reason = [...new Set(waived.map((b) => covered(b)!.reason))].join('; ');
    return { verdict: 'waived', line: `${scenario.id}: waived: ${reason} (${waived.map((b) => b.clause).join(', ')})`, breaches: waived, reason };
  }
  if (coarse) return { verdict: 'coarse', code: coarse.code, line: `${scenario.id}: honoured (coarse: ${coarse.code}): ${coarse.reason}`, breaches: [], reason: coarse.reason };
  return { verdict: 'honoured', line: verdict.line, breaches: [], reason: null };
}

/** Assessments made by the contract fixture, for the matcher that reads them (an observation is judged once). */
const made = new WeakMap<Observation, Assessment>();
export const remember = (o: Observation, a: Assessment) => made.set(o, a);
export const assessmentOf = (o: Observation) => made.get(o);

/** The row label and reason the matrix shows, as a test annotation. */
export function verdictAnnotation(a: Assessment): { type: 'verdict'; description: string } | null {
  if (a.verdict === 'coarse') return { type: 'verdict', description: `honoured (coarse: ${a.code}): ${a.reason}` };
  if (a.verdict === 'waived') return { type: 'verdict', description: `waived: ${a.reason}` };
  return null;
}
