import type { LoadedConfig } from '../../config/load.ts';
import type { Pki } from '../../mocks/pki/load.ts';
import { scenarios } from '../../mocks/scenarios/index.ts';
import type { Scenario } from '../../mocks/scenarios/schema.ts';
import { startProcessor } from '../../mocks/servers/start-processor.ts';
import type { GatewayDriver } from '../drivers/driver.ts';
import { HarnessError } from '../drivers/harness-error.ts';
import { nameFor, notApplicable } from '../harness/applicable.ts';
import { profileFacts } from '../harness/observe.ts';

/** The gateway's output on one line: the run's outcome is one line, and a stack trace's first line is rarely its cause. */
const oneLine = (text: string) => text.trim().split(/\s*\n\s*/).filter(Boolean).join(' | ');

/** The good path the gateway must start on: a valid chain, one processor it integrates, nothing broken. */
function goodPathOf(project: LoadedConfig): Scenario | null {
  const good = scenarios.filter((s) => s.id.startsWith('tls.good-') && !s.secondary && s.expect.outcome === 'ok');
  return good.find((s) => notApplicable(s, project.config.processors) === null) ?? null;
}

/**
 * A gateway that runs outside gatecheck (a process, a driver module) must start once on the good
 * path before any scenario runs. If it cannot (a wrong command or folder, a render that breaks its
 * config, a runtime missing), every scenario would read as "refused to start": a wiring fault shown
 * as breaches. It is one harness error instead (exit 2). A gateway that starts here and then fails
 * to start on a scenario's config is judged by that scenario, as before.
 */
export async function checkGatewayStarts(project: LoadedConfig, driver: GatewayDriver, pki: Pki): Promise<void> {
  if (driver.inProcess) return;
  const scenario = goodPathOf(project);
  if (!scenario) return; // custom processors only: each scenario's boot says what went wrong
  const processor = await startProcessor(scenario, { pki });
  try {
    const boot = await driver.start([profileFacts(processor, nameFor(processor.profile, project.config.processors)).entry]);
    if (boot.ok) return await boot.gateway.stop();
    const refusal = boot.code ? `it refused a valid config with ${boot.code}: ` : '';
    throw new HarnessError('GATEWAY_DID_NOT_START', `the ${driver.name} gateway did not start on the good path (${scenario.id}), so no scenario can be judged: ${refusal}${oneLine(boot.message)}. Fix: check gateway.command, the folder it runs from and the config it renders (docs/your-gateway.md); npx gatecheck serve ${scenario.id} starts that processor for you to start the gateway against by hand.`);
  } finally {
    await processor.close();
  }
}
