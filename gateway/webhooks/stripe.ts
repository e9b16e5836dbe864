import { createHmac, timingSafeEqual } from 'node:crypto';
import { header, reject, type WebhookVerifier } from './types.ts';

/**
 * `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>]`, each v1 = HMAC-SHA256(secret, `${t}.${body}`).
 * Any configured secret may match any v1 (rotation); then the timestamp must be within tolerance.
 */
export function stripeWebhookVerifier(options: { secrets: string[]; toleranceSeconds: number }): WebhookVerifier {
  return ({ headers, rawBody, now }) => {
    const signature = header(headers, 'stripe-signature');
    if (!signature) return reject('WEBHOOK_MALFORMED', 'no Stripe-Signature header');
    const pairs = signature.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
    const t = pairs.find(([k]) => k === 't')?.[1];
    const v1 = pairs.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)).map(([, v]) => Buffer.from(v!, 'hex'));
    if (!t || !/^\d+$/.test(t) || v1.length === 0) return reject('WEBHOOK_MALFORMED', 'Stripe-Signature lacks t=<unix> or a v1=<hex> signature');
    const signed = Buffer.concat([Buffer.from(`${t}.`), rawBody]);
    const valid = options.secrets.some((secret) => {
      const expected = createHmac('sha256', secret).update(signed).digest();
      return v1.some((candidate) => timingSafeEqual(candidate, expected));
    });
    if (!valid) return reject('WEBHOOK_SIGNATURE_INVALID', 'no v1 signature matches the body with any configured webhook secret');
    const age = Math.abs(now / 1000 - Number(t));
    if (age > options.toleranceSeconds) return reject('WEBHOOK_TIMESTAMP_STALE', `signed ${Math.round(age)} s away from now; tolerance ${options.toleranceSeconds} s`);
    let event: { id?: unknown; type?: unknown };
    try {
      event = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return reject('WEBHOOK_MALFORMED', 'the body is not JSON');
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string') return reject('WEBHOOK_MALFORMED', 'the event has no id or type');
    return { ok: true, replayKeys: [event.id], reply: { contentType: 'application/json', body: JSON.stringify({ received: true }) } };
  };
}
