import { scenarios as catalogue, buildCatalogue } from '../scenarios/index.ts';
import { fixFor } from '../scenarios/fixes.ts';
import type { Family, Scenario, ScenarioInput } from '../scenarios/schema.ts';
import type { CustomProcessor, CustomRules, CustomScenarioDefinition } from './definition.ts';

/** The transport families: they apply to any processor behind the TLS front, a custom one too. */
export const TRANSPORT_FAMILIES: readonly Family[] = ['tls', 'mtls', 'network'];

/** A scenario of a custom processor: the scenario, the processor, and the rules it runs with. */
export type CustomScenario = { scenario: Scenario; processor: CustomProcessor; rules: CustomRules };

/** `mobile-money/tls.expired-leaf`: the processor's name, a slash, then the catalogue-style id. */
export const customScenarioId = (processor: string, id: string) => `${processor}/${id}`;

/** The processor a scenario id names, if it is a custom processor's (`mobile-money/...`). */
export const processorOfId = (id: string): string | null => (id.includes('/') ? id.slice(0, id.indexOf('/')) : null);

/** The catalogue's transport scenario, re-targeted: the same front and gateway setup, the custom processor's rules behind it. */
function retargeted(processor: CustomProcessor, scenario: Scenario): ScenarioInput {
  return {
    ...scenario,
    id: customScenarioId(processor.name, scenario.id),
    title: scenario.title,
    // Credential overrides name a built-in profile's fields: a custom processor's are its own.
    gateway: { ...scenario.gateway, credentials: null },
    drive: { kind: 'pay', card: 'approved', repeat: 'once' },
  };
}

const goodTransport = () => catalogue.find((s) => s.id === 'tls.good-chain')!.processor.transport;

/** One of the processor's own HTTP-level scenarios, on the healthy transport. */
function ownScenario(processor: CustomProcessor, own: CustomScenarioDefinition): ScenarioInput {
  const e = own.expect;
  return {
    id: customScenarioId(processor.name, `http.${own.name}`),
    family: 'http',
    title: own.title,
    basis: own.basis ?? own.title,
    processor: { transport: goodTransport(), behaviour: { kind: 'normal' } },
    drive: { kind: 'pay', card: own.card, repeat: 'once' },
    expect: e,
    runbook: {
      symptom: `${processor.name}: ${own.title}`,
      cause: own.basis ?? `The ${processor.name} processor's own scenario "${own.name}" (its mockttp rules in gatecheck.config).`,
      fix: e.code ? fixFor(e.code) : 'Nothing to fix.',
    },
  };
}

/**
 * Every scenario of the custom processors a project config defines: each catalogue tls, mtls and
 * network scenario re-targeted at each processor (its normal rules behind the scenario's front),
 * then the processor's own HTTP-level scenarios (their own rules). Ids are validated like the
 * catalogue's and unique; the built-in catalogue is untouched.
 */
export function customScenarios(processors: readonly CustomProcessor[]): CustomScenario[] {
  const result: CustomScenario[] = [];
  for (const processor of processors) {
    const transport = catalogue.filter((s) => TRANSPORT_FAMILIES.includes(s.family));
    const inputs = [...transport.map((s) => retargeted(processor, s)), ...processor.scenarios.map((own) => ownScenario(processor, own))];
    const built = buildCatalogue(inputs);
    built.forEach((scenario, i) => {
      const own = i >= transport.length ? processor.scenarios[i - transport.length]! : null;
      result.push({ scenario, processor, rules: own ? own.rules : processor.rules });
    });
  }
  const seen = new Set<string>();
  for (const { scenario } of result) {
    if (seen.has(scenario.id)) throw new Error(`gatecheck: scenario id "${scenario.id}" is defined twice (two custom processors named alike?)`);
    seen.add(scenario.id);
  }
  return result;
}
