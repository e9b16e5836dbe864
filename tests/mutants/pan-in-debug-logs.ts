import { createLogger } from '../../gateway/logger.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import type { Mutant } from './mutant.ts';

export const panInDebugLogs: Mutant = {
  name: 'pan-in-debug-logs',
  models: 'Request debug logging left on in production with its masking filter bypassed: the full card number is written to the logs (PCI DSS 3.5: the PAN unreadable wherever it is stored, logs included).',
  killedBy: ['tls.good-chain'],
  parts: () => ({
    logger: (options) => createLogger({ ...options, redactor: { ...options.redactor, value: <T>(v: T) => v } }),
    processorClient: (config, deps) => {
      const client = processorClient(config, deps);
      return {
        idempotencyMaxLength: client.idempotencyMaxLength,
        pay(payment, key) {
          deps.logger.debug('charging', { processor: config.name, card: payment.source, amount: payment.amount });
          return client.pay(payment, key);
        },
      };
    },
  }),
};
