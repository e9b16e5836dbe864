import { webhookVerifiers, type WebhookVerifier } from '../../gateway/webhooks/index.ts';
import type { GatewayParts } from '../../gateway/index.ts';

/** The reference verifiers, each wrapped by `change`. */
export function wrappedVerifiers(change: (verify: WebhookVerifier) => WebhookVerifier): GatewayParts['webhookVerifiers'] {
  return (processor, index) => {
    const verify = webhookVerifiers(processor, index);
    return verify && change(verify);
  };
}
