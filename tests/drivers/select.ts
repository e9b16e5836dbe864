import type { GatewayDriver } from './driver.ts';
import { processDriver } from './process.ts';
import { referenceDriver } from './reference.ts';

/** GATECHECK_GATEWAY=reference (default, in-process) | process (spawns GATECHECK_GATEWAY_CMD). */
export function selectDriver(choice = process.env.GATECHECK_GATEWAY ?? 'reference'): GatewayDriver {
  if (choice === 'reference') return referenceDriver();
  if (choice === 'process') return processDriver();
  throw new Error(`gatecheck: GATECHECK_GATEWAY must be "reference" or "process", not "${choice}"`);
}
