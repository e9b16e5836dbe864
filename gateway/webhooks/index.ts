import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ProcessorConfig } from '../config.ts';
import { GatewayBootError } from '../errors.ts';
import { adyenWebhookVerifier } from './adyen.ts';
import { paypalWebhookVerifier } from './paypal.ts';
import { stripeWebhookVerifier } from './stripe.ts';
import type { WebhookVerifier } from './types.ts';

export type { WebhookDelivery, WebhookVerdict, WebhookVerifier } from './types.ts';

/** Builds the verifier for a processor's webhook config (undefined: the processor takes none). */
export type WebhookVerifierFactory = (processor: ProcessorConfig, index: number) => WebhookVerifier | undefined;

export const webhookVerifiers: WebhookVerifierFactory = (processor, index) => {
  switch (processor.profile) {
    case 'stripe':
      return processor.webhooks && stripeWebhookVerifier(processor.webhooks);
    case 'adyen':
      return processor.webhooks && adyenWebhookVerifier(processor.webhooks);
    case 'paypal': {
      if (!processor.webhooks) return undefined;
      const field = `processors[${index}].webhooks.certFile`;
      const file = processor.webhooks.certFile;
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(readFileSync(file));
      } catch (error) {
        throw new GatewayBootError('CONFIG_INVALID', field, `${field} (${file}): cannot read the PayPal webhook signing certificate (${(error as Error).message}). Fix: point it at the PEM certificate PayPal signs webhooks with.`, file);
      }
      return paypalWebhookVerifier({ webhookId: processor.webhooks.webhookId, certificate, toleranceSeconds: processor.webhooks.toleranceSeconds });
    }
    case 'visa':
    case 'custom':
      return undefined;
  }
};

/** Event keys already accepted, per processor; forgets the oldest beyond `limit`. */
export class ReplayStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly limit = 100_000) {}
  has(key: string): boolean {
    return this.seen.has(key);
  }
  add(key: string, at: number): void {
    this.seen.set(key, at);
    if (this.seen.size > this.limit) this.seen.delete(this.seen.keys().next().value!);
  }
}
