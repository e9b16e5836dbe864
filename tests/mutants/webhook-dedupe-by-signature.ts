import type { Mutant } from './mutant.ts';
import { wrappedVerifiers } from './webhook-wrapper.ts';

export const webhookDedupeBySignature: Mutant = {
  name: 'webhook-dedupe-by-signature',
  models: 'Webhook deliveries deduplicated by their signature header instead of the event id: the processor\'s retry of the same event, signed anew with a later timestamp, is processed a second time.',
  killedBy: ['webhook.retried-with-new-signature', 'webhook.out-of-order-mixed-formats'],
  parts: () => ({
    webhookVerifiers: wrappedVerifiers((verify) => (delivery) => {
      const verdict = verify(delivery);
      if (!verdict.ok) return verdict;
      const signature = ['stripe-signature', 'paypal-transmission-sig'].map((h) => delivery.headers[h]).find((v) => typeof v === 'string');
      return signature ? { ...verdict, replayKeys: [String(signature)] } : verdict;
    }),
  }),
};
