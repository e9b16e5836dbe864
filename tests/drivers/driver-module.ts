import { importUserModule } from '../../config/import-module.ts';
import type { GatewayDriver } from './driver.ts';
import { HarnessError } from './harness-error.ts';

const isDriver = (value: unknown): value is GatewayDriver =>
  !!value && typeof value === 'object' && typeof (value as GatewayDriver).name === 'string' && typeof (value as GatewayDriver).start === 'function';

/** `gateway: { driver: './my-driver.mjs' }`: the module's default export is the GatewayDriver (.ts via tsx). */
export async function loadDriverModule(file: string): Promise<GatewayDriver> {
  let module: { default?: unknown };
  try {
    module = await importUserModule(file);
  } catch (error) {
    throw new HarnessError('GATEWAY_DRIVER_INVALID', `the driver module ${file} cannot be loaded (${(error as Error).message.split('\n')[0]}). Fix: run it with node to see the error.`);
  }
  if (!isDriver(module.default)) {
    throw new HarnessError('GATEWAY_DRIVER_INVALID', `the driver module ${file} has no default export with a name and a start(processors, env) function. Fix: export default { name: 'my-gateway', async start(processors) { ... } } (docs/drivers.md).`);
  }
  return module.default;
}
