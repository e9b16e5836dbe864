import { GatewayBootError, startGateway, type GatewayParts } from '../../gateway/index.ts';
import type { BootResult, GatewayDriver, ProcessorConfig } from './driver.ts';
import { contractGatewayConfig } from './gateway-config.ts';
import { httpGateway } from './http-gateway.ts';

/**
 * Runs the reference gateway in this process (fast: no spawn). `parts` replaces construction
 * seams, which is how the mutation suite builds its deliberately broken gateways.
 */
export function referenceDriver(parts: Partial<GatewayParts> = {}, name = 'reference'): GatewayDriver {
  return {
    name,
    inProcess: true,
    async start(processors: ProcessorConfig[]): Promise<BootResult> {
      try {
        const gateway = await startGateway(contractGatewayConfig(processors), parts);
        return {
          ok: true,
          gateway: httpGateway({
            url: gateway.url,
            logs: () => gateway.logs().map((line) => JSON.stringify(line)).join('\n'),
            stop: () => gateway.close(),
          }),
        };
      } catch (error) {
        if (error instanceof GatewayBootError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    },
  };
}
