import { verify, type X509Certificate } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { header, reject, type WebhookVerifier } from './types.ts';

/**
 * PayPal transmission signature, verified offline with the configured signing certificate:
 * base64 signature over `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(body)}`.
 */
export function paypalWebhookVerifier(options: { webhookId: string; certificate: X509Certificate; toleranceSeconds: number }): WebhookVerifier {
  return ({ headers, rawBody, now }) => {
    const id = header(headers, 'paypal-transmission-id');
    const time = header(headers, 'paypal-transmission-time');
    const sig = header(headers, 'paypal-transmission-sig');
    const algo = header(headers, 'paypal-auth-algo');
    if (!id || !time || !sig) return reject('WEBHOOK_MALFORMED', 'PAYPAL-TRANSMISSION-ID, -TIME or -SIG header missing');
    const at = Date.parse(time);
    if (Number.isNaN(at)) return reject('WEBHOOK_MALFORMED', 'PAYPAL-TRANSMISSION-TIME is not a date');
    if (algo && !/SHA256/i.test(algo)) return reject('WEBHOOK_SIGNATURE_INVALID', `PAYPAL-AUTH-ALGO ${algo} is not accepted (SHA-256 only)`);
    const signed = `${id}|${time}|${options.webhookId}|${crc32(rawBody) >>> 0}`;
    let valid = false;
    try {
      valid = verify('sha256', Buffer.from(signed), options.certificate.publicKey, Buffer.from(sig, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) return reject('WEBHOOK_SIGNATURE_INVALID', 'the transmission signature does not verify with the configured certificate');
    const age = Math.abs(now - at) / 1000;
    if (age > options.toleranceSeconds) return reject('WEBHOOK_TIMESTAMP_STALE', `transmitted ${Math.round(age)} s away from now; tolerance ${options.toleranceSeconds} s`);
    let event: { id?: unknown };
    try {
      event = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return reject('WEBHOOK_MALFORMED', 'the body is not JSON');
    }
    if (typeof event?.id !== 'string') return reject('WEBHOOK_MALFORMED', 'the event has no id');
    return { ok: true, replayKeys: [event.id], reply: { contentType: 'application/json', body: JSON.stringify({ received: true }) } };
  };
}
