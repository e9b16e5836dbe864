import type { ProcessorConfig } from '../config.ts';
import { adyenClient } from './adyen.ts';
import { customClient } from './custom.ts';
import { paypalClient } from './paypal.ts';
import { stripeClient } from './stripe.ts';
import type { ClientDeps, ProcessorClient } from './types.ts';
import { visaClient } from './visa.ts';

export type { ClientDeps, PaymentInput, ProcessorClient, ProcessorOutcome } from './types.ts';

export function processorClient(config: ProcessorConfig, deps: ClientDeps): ProcessorClient {
  switch (config.profile) {
    case 'stripe':
      return stripeClient(config, deps);
    case 'adyen':
      return adyenClient(config, deps);
    case 'paypal':
      return paypalClient(config, deps);
    case 'visa':
      return visaClient(config, deps);
    case 'custom':
      return customClient(config, deps);
  }
}
