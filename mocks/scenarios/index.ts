import { authScenarios } from './auth.ts';
import { failoverScenarios } from './failover.ts';
import { httpScenarios } from './http.ts';
import { mtlsScenarios } from './mtls.ts';
import { networkScenarios } from './network.ts';
import { parseScenario, type Family, type Scenario, type ScenarioInput } from './schema.ts';
import { tlsScenarios } from './tls.ts';
import { webhookScenarios } from './webhook.ts';

/** Validates every definition at load: a bad one fails with its id and field path. */
export function buildCatalogue(definitions: ScenarioInput[]): Scenario[] {
  const catalogue = definitions.map(parseScenario);
  const seen = new Set<string>();
  for (const scenario of catalogue) {
    if (seen.has(scenario.id)) throw new Error(`gatecheck: scenario id "${scenario.id}" is defined twice`);
    seen.add(scenario.id);
  }
  return catalogue;
}

export const scenarios: Scenario[] = buildCatalogue([...tlsScenarios, ...mtlsScenarios, ...authScenarios, ...networkScenarios, ...httpScenarios, ...webhookScenarios, ...failoverScenarios]);

export function getScenario(id: string): Scenario {
  const scenario = scenarios.find((s) => s.id === id);
  if (scenario) return scenario;
  const near = scenarios.filter((s) => s.id.includes(id.split('.').pop() ?? id)).map((s) => s.id);
  throw new Error(`gatecheck: no scenario "${id}"${near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''}. List them: npx gatecheck list`);
}

export function scenariosOf(family: Family): Scenario[] {
  return scenarios.filter((s) => s.family === family);
}
