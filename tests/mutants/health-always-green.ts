import { createHealth } from '../../gateway/health.ts';
import type { Mutant } from './mutant.ts';

export const healthAlwaysGreen: Mutant = {
  name: 'health-always-green',
  models: 'A /health that only says the process is alive (always "ok", every processor "up"), so the load balancer and on-call see green while every payment fails.',
  killedBy: ['network.connection-refused'],
  parts: () => ({
    health: (options) => {
      const tracker = createHealth(options);
      return {
        ...tracker,
        report: () => ({ status: 'ok', processors: tracker.report().processors.map((p) => ({ ...p, state: 'up', lastErrorCode: null })) }),
      };
    },
  }),
};
