import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDriverModule } from '../../drivers/driver-module.ts';
import { HarnessError } from '../../drivers/harness-error.ts';
import { driverFor } from '../../drivers/select.ts';
import { loadProjectConfig } from '../../../config/load.ts';
import { project } from './run-in.ts';

/** `gateway: { driver: './x.mjs' }`: a GatewayDriver from the user's project, no edit of gatecheck. */
test('a driver module (.mjs or .ts) named by the config is the run\'s driver', async () => {
  const p = project({
    'gatecheck.config.json': JSON.stringify({ processors: ['stripe'], gateway: { driver: './drivers/mine.ts' } }),
    'mine.mjs': `export default { name: 'mine-mjs', async start() { return { ok: false, code: 'CONFIG_INVALID', message: 'no' }; } };`,
  });
  try {
    mkdirSync(path.join(p.dir, 'drivers'));
    writeFileSync(path.join(p.dir, 'drivers/mine.ts'), `const driver: { name: string; start(): Promise<unknown> } = { name: 'mine-ts', async start() { return { ok: false, code: null, message: 'typed' }; } };\nexport default driver;`);
    const saved = process.env.GATECHECK_GATEWAY;
    delete process.env.GATECHECK_GATEWAY;
    try {
      const driver = await driverFor(await loadProjectConfig({ cwd: p.dir }));
      expect(driver.name).toBe('mine-ts');
      expect(await driver.start([])).toEqual({ ok: false, code: null, message: 'typed' });
    } finally {
      if (saved !== undefined) process.env.GATECHECK_GATEWAY = saved;
    }
    expect((await loadDriverModule(path.join(p.dir, 'mine.mjs'))).name).toBe('mine-mjs');
  } finally {
    p.remove();
  }
});

test('a module without a driver as its default export is a harness error with the fix', async () => {
  const p = project({ 'bad.mjs': 'export const driver = {};', 'broken.mjs': 'export default {' });
  try {
    const missing = await loadDriverModule(path.join(p.dir, 'bad.mjs')).then(() => null, (e: unknown) => e);
    expect(missing).toBeInstanceOf(HarnessError);
    expect((missing as Error).message).toBe(`gatecheck harness error GATEWAY_DRIVER_INVALID: the driver module ${p.dir}/bad.mjs has no default export with a name and a start(processors, env) function. Fix: export default { name: 'my-gateway', async start(processors) { ... } } (docs/drivers.md).`);
    const broken = await loadDriverModule(path.join(p.dir, 'broken.mjs')).then(() => null, (e: unknown) => e);
    expect((broken as HarnessError).code).toBe('GATEWAY_DRIVER_INVALID');
  } finally {
    p.remove();
  }
});
