import { webhookVerifiers } from '../../gateway/webhooks/index.ts';
import type { Mutant } from './mutant.ts';

type Events = { id?: unknown; notificationItems?: { NotificationRequestItem?: { pspReference?: unknown; eventCode?: unknown } }[] };

/** What a verifier would name as the delivery's events, read without checking anything. */
function eventKeys(body: Buffer): string[] {
  try {
    const events = JSON.parse(body.toString('utf8')) as Events;
    if (typeof events.id === 'string') return [events.id];
    return (events.notificationItems ?? []).map(({ NotificationRequestItem: item }) => `${item?.pspReference}:${item?.eventCode}`);
  } catch {
    return [];
  }
}

export const unsignedWebhooksAccepted: Mutant = {
  name: 'unsigned-webhooks-accepted',
  models: 'Webhook signatures checked in "log only" mode during a rollout that was never switched to enforce: a forged or tampered event is processed.',
  killedBy: ['webhook.tampered-body'],
  parts: () => ({
    webhookVerifiers: (processor, index) => {
      const verify = webhookVerifiers(processor, index);
      if (!verify) return undefined;
      return (delivery) => {
        const verdict = verify(delivery);
        if (verdict.ok || verdict.code !== 'WEBHOOK_SIGNATURE_INVALID') return verdict;
        return { ok: true, replayKeys: eventKeys(delivery.rawBody), reply: { contentType: 'application/json', body: '{"received":true}' } };
      };
    },
  }),
};
