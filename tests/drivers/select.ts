import { getMutant } from '../mutants/index.ts';
import type { GatewayDriver } from './driver.ts';
import { processDriver } from './process.ts';
import { referenceDriver } from './reference.ts';

/**
 * GATECHECK_GATEWAY=reference (default, in-process) | process (spawns GATECHECK_GATEWAY_CMD) |
 * mutant:<name> (the reference gateway with seams replaced by a deliberately broken part: tests/mutants/).
 */
export function selectDriver(choice = process.env.GATECHECK_GATEWAY ?? 'reference'): GatewayDriver {
  if (choice === 'reference') return referenceDriver();
  if (choice === 'process') return processDriver();
  if (choice.startsWith('mutant:')) return referenceDriver(getMutant(choice.slice('mutant:'.length)).parts(), choice);
  throw new Error(`gatecheck: GATECHECK_GATEWAY must be "reference", "process" or "mutant:<name>", not "${choice}"`);
}
