import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { reject, type WebhookVerifier } from './types.ts';

const Item = z.object({
  pspReference: z.string().min(1),
  originalReference: z.string().optional(),
  merchantAccountCode: z.string(),
  merchantReference: z.string(),
  amount: z.object({ value: z.number().int(), currency: z.string() }),
  eventCode: z.string().min(1),
  success: z.string(),
  additionalData: z.object({ hmacSignature: z.string().optional() }).loose().optional(),
});
const Notification = z.object({ live: z.string(), notificationItems: z.array(z.object({ NotificationRequestItem: Item })).min(1) });

export function adyenSigningString(item: z.infer<typeof Item>): string {
  return [item.pspReference, item.originalReference ?? '', item.merchantAccountCode, item.merchantReference, item.amount.value, item.amount.currency, item.eventCode, item.success].join(':');
}

/**
 * Each NotificationRequestItem carries base64 HMAC-SHA256 (hex-decoded key) of its fields in
 * additionalData.hmacSignature. No timestamp: replay is (pspReference, eventCode). Answer `[accepted]`.
 */
export function adyenWebhookVerifier(options: { hmacKey: string }): WebhookVerifier {
  const key = Buffer.from(options.hmacKey, 'hex');
  return ({ rawBody }) => {
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return reject('WEBHOOK_MALFORMED', 'the body is not JSON');
    }
    const parsed = Notification.safeParse(json);
    if (!parsed.success) return reject('WEBHOOK_MALFORMED', `not an Adyen notification (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    const replayKeys: string[] = [];
    for (const { NotificationRequestItem: item } of parsed.data.notificationItems) {
      const given = Buffer.from(item.additionalData?.hmacSignature ?? '', 'base64');
      const expected = createHmac('sha256', key).update(adyenSigningString(item)).digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reject('WEBHOOK_SIGNATURE_INVALID', `hmacSignature of item ${item.pspReference}/${item.eventCode} does not verify`);
      }
      replayKeys.push(`${item.pspReference}:${item.eventCode}`);
    }
    return { ok: true, replayKeys, reply: { contentType: 'text/plain', body: '[accepted]' } };
  };
}
