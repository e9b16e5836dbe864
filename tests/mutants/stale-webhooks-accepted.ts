import type { Mutant } from './mutant.ts';
import { wrappedVerifiers } from './webhook-wrapper.ts';

export const staleWebhooksAccepted: Mutant = {
  name: 'stale-webhooks-accepted',
  models: 'The webhook timestamp tolerance is turned off (tolerance 0 read as "no limit"): a captured delivery can be replayed days later.',
  killedBy: ['webhook.stale-timestamp'],
  parts: () => ({
    webhookVerifiers: wrappedVerifiers((verify) => (delivery) => {
      const verdict = verify(delivery);
      if (verdict.ok || verdict.code !== 'WEBHOOK_TIMESTAMP_STALE') return verdict;
      // Verify again as if it had been signed just now: only the timestamp check is skipped.
      const header = String(delivery.headers['stripe-signature'] ?? '');
      const t = /t=(\d+)/.exec(header)?.[1];
      return t ? verify({ ...delivery, now: Number(t) * 1000 }) : verdict;
    }),
  }),
};
