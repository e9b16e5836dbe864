import { currentConfig } from '../../config/current.ts';

/**
 * The preflight step for the run's own gateway (GATECHECK_GATEWAY, else the project config); the
 * in-process reference and its mutants load nothing here, and the sandbox tier starts no gateway.
 */
export async function checkRunGatewayStarts(): Promise<void> {
  if (process.env.GATECHECK_TIER === 'sandbox') return;
  const choice = process.env.GATECHECK_GATEWAY;
  if (choice === 'reference' || choice?.startsWith('mutant:')) return;
  const project = await currentConfig();
  if (!choice && project.config.gateway === 'reference') return;
  const [{ driverFor }, { loadPki }, { checkGatewayStarts }] = await Promise.all([
    import('../drivers/select.ts'), import('../../mocks/pki/load.ts'), import('./gateway-starts.ts'),
  ]);
  await checkGatewayStarts(project, await driverFor(project), loadPki());
}
