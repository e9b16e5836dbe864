import type { BootResult } from '../drivers/driver.ts';

/**
 * With a coarse code declared, the failure counter "for the expected code" is the specific code's
 * series plus the coarse code's: the gateway may count either, and judging the specific or the
 * coarse expectation then reads the same observation. Without one, the gateway is unchanged.
 */
export function countingCoarseToo(boot: BootResult, specific: string | null, coarse: string | null): BootResult {
  if (!boot.ok || !specific || !coarse || specific === coarse) return boot;
  const running = boot.gateway;
  return {
    ok: true,
    gateway: {
      pay: (payment, key) => running.pay(payment, key),
      health: () => running.health(),
      metricsText: () => running.metricsText(),
      deliverWebhook: (processor, delivery) => running.deliverWebhook(processor, delivery),
      logs: () => running.logs(),
      stop: () => running.stop(),
      async failureCount(code: string) {
        const count = await running.failureCount(code);
        return code === specific ? count + (await running.failureCount(coarse)) : count;
      },
    },
  };
}
