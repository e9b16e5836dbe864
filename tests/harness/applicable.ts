import type { ProjectConfig } from '../../config/schema.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';

/** The processor profiles a scenario needs: its processor's, and its secondary's in a topology. */
export function profilesOf(scenario: Scenario): string[] {
  return [...new Set([scenario.processor.profile, ...(scenario.secondary ? [scenario.secondary.processor.profile] : [])])];
}

/** Why a scenario does not apply to this gateway, or null when it does: a profile the gateway does not integrate. */
export function notApplicable(scenario: Scenario, processors: ProjectConfig['processors']): string | null {
  const integrated = processors.flatMap((p) => ('profile' in p ? [p.profile as string] : []));
  const missing = profilesOf(scenario).filter((profile) => !integrated.includes(profile));
  if (!missing.length) return null;
  return `the gateway integrates ${integrated.length ? integrated.join(', ') : 'no built-in processor'}; this scenario needs ${missing.join(', ')}`;
}

/** The gateway's own name for a profile (health entries, metric labels, webhook paths); the profile when unnamed. */
export function nameFor(profile: string, processors: ProjectConfig['processors']): string {
  return processors.find((p) => 'profile' in p && p.profile === profile)?.name ?? profile;
}
