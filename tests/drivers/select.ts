import type { LoadedConfig } from '../../config/load.ts';
import { declarativeDriver } from './declarative.ts';
import type { GatewayDriver } from './driver.ts';
import { loadDriverModule } from './driver-module.ts';
import { defaultGatewayCommand } from './default-command.ts';
import { referenceDriver } from './reference.ts';
import { referenceApiGateway } from './reference-api.ts';

/**
 * GATECHECK_GATEWAY=reference (default, in-process) | process (GATECHECK_GATEWAY_CMD, any process
 * speaking the reference gateway's API, run from GATECHECK_CWD) | mutant:<name> (the reference
 * gateway with seams replaced by a deliberately broken part: tests/mutants/, loaded only then).
 */
export async function selectDriver(choice = process.env.GATECHECK_GATEWAY ?? 'reference'): Promise<GatewayDriver> {
  if (choice === 'reference') return referenceDriver();
  if (choice === 'process') return declarativeDriver(referenceApiGateway(process.env.GATECHECK_GATEWAY_CMD ?? defaultGatewayCommand()), process.env.GATECHECK_CWD ?? process.cwd(), 'process');
  if (choice.startsWith('mutant:')) {
    const { getMutant } = await import('../mutants/index.ts');
    return referenceDriver(getMutant(choice.slice('mutant:'.length)).parts(), choice);
  }
  throw new Error(`gatecheck: GATECHECK_GATEWAY must be "reference", "process" or "mutant:<name>", not "${choice}"`);
}

/** The driver of a run: GATECHECK_GATEWAY when set, else the project config's `gateway`. */
export async function driverFor(project: LoadedConfig): Promise<GatewayDriver> {
  if (process.env.GATECHECK_GATEWAY) return selectDriver(process.env.GATECHECK_GATEWAY);
  const gateway = project.config.gateway;
  if (gateway === 'reference') return referenceDriver();
  if ('driver' in gateway) return loadDriverModule(gateway.driver);
  return declarativeDriver(gateway, project.dir, 'declarative');
}
