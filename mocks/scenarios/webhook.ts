import { FAST_MS } from './expect.ts';
import type { ErrorCode } from './codes.ts';
import type { ScenarioInput } from './schema.ts';

const good = { kind: 'tls' as const, tls: { cert: 'server-good' } };
const accepted = { outcome: 'ok' as const, code: null, retryable: false, paymentSent: false, health: 'up' as const, withinMs: FAST_MS };
const refused = (code: ErrorCode) => ({ outcome: 'rejected' as const, code, retryable: false, paymentSent: false, health: 'up' as const, withinMs: FAST_MS });

/** Webhooks the processor sends to the gateway: signatures, timestamps, replays. */
export const webhookScenarios: ScenarioInput[] = [
  {
    id: 'webhook.valid',
    family: 'webhook',
    title: 'A correctly signed, fresh webhook is accepted',
    basis: 'Stripe-Signature t=...,v1=HMAC-SHA256(secret, t.body) within the 300 s tolerance.',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e1' }] },
    expect: accepted,
    runbook: { symptom: 'Webhooks are accepted.', cause: 'Signature and timestamp verify.', fix: 'Nothing to fix.' },
  },
  {
    id: 'webhook.tampered-body',
    family: 'webhook',
    title: 'A webhook whose body was altered after signing is refused',
    basis: 'HMAC over the raw body: any change (here the amount) breaks it; parsing and re-serialising before verifying does too.',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e1', tamper: true }] },
    expect: refused('WEBHOOK_SIGNATURE_INVALID'),
    runbook: { symptom: 'Webhooks are refused with WEBHOOK_SIGNATURE_INVALID.', cause: 'The body does not match its signature (tampering, or a proxy that rewrites bodies).', fix: 'Verify against the raw request bytes; check proxies between the processor and the gateway.' },
  },
  {
    id: 'webhook.wrong-secret',
    family: 'webhook',
    title: 'A webhook signed with another secret is refused',
    basis: 'An endpoint secret rolled at the processor but not in the gateway (or another environment\'s secret).',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e1', secret: 'wrong' }] },
    expect: refused('WEBHOOK_SIGNATURE_INVALID'),
    runbook: { symptom: 'All webhooks are refused with WEBHOOK_SIGNATURE_INVALID after a secret change.', cause: 'The gateway verifies with a different endpoint secret than the processor signs with.', fix: 'Copy the endpoint signing secret from the processor dashboard into the gateway webhooks config.' },
  },
  {
    id: 'webhook.stale-timestamp',
    family: 'webhook',
    title: 'A correctly signed webhook older than the tolerance is refused',
    basis: 'Stripe\'s 300 s tolerance on the signed timestamp blocks replays of captured deliveries.',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e1', ageSeconds: 900 }] },
    expect: refused('WEBHOOK_TIMESTAMP_STALE'),
    runbook: { symptom: 'Webhooks are refused with WEBHOOK_TIMESTAMP_STALE.', cause: 'The signed timestamp is older than the tolerance: a replay, a long queue, or gateway clock skew.', fix: 'Check the gateway clock (NTP); if deliveries are delayed, look at the processor\'s webhook retry queue.' },
  },
  {
    id: 'webhook.replayed-event',
    family: 'webhook',
    title: 'The same event delivered twice is processed once',
    basis: 'Processors deliver at least once; Stripe event ids and Adyen pspReference+eventCode identify duplicates.',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e1' }, { event: 'e1' }] },
    expect: refused('WEBHOOK_REPLAYED'),
    runbook: { symptom: 'Duplicate deliveries are answered WEBHOOK_REPLAYED.', cause: 'The event id was already processed.', fix: 'Nothing to fix: duplicates are expected; make sure the duplicate answer is not retried forever by the processor.' },
  },
  {
    id: 'webhook.secret-rotation',
    family: 'webhook',
    title: 'During a secret rotation the webhook carries two signatures; the configured one verifies',
    basis: 'Stripe sends one v1 signature per active secret while an endpoint secret is rolled.',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e1', secret: 'configured-and-next' }] },
    expect: accepted,
    runbook: { symptom: 'Webhooks keep being accepted through a secret roll.', cause: 'Any v1 signature made with a configured secret verifies.', fix: 'Nothing to fix; add the new secret to the gateway before the old one expires.' },
  },
  {
    id: 'webhook.duplicate-out-of-order',
    family: 'webhook',
    title: 'Events arrive out of order and one is repeated',
    basis: 'At-least-once delivery with retries: e2 before e1, then e2 again.',
    processor: { transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'e2' }, { event: 'e1' }, { event: 'e2' }] },
    expect: refused('WEBHOOK_REPLAYED'),
    runbook: { symptom: 'Out-of-order events are accepted; the repeat is answered WEBHOOK_REPLAYED.', cause: 'Delivery order is not guaranteed and retries repeat events.', fix: 'Nothing to fix; process events by their own state, not arrival order.' },
  },
  {
    id: 'webhook.adyen-valid',
    family: 'webhook',
    title: 'An Adyen notification with a valid HMAC is accepted',
    basis: 'Adyen HMAC-SHA256 (hex key, base64) over pspReference:...:eventCode:success in additionalData.hmacSignature.',
    processor: { profile: 'adyen', transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'a1' }] },
    expect: accepted,
    runbook: { symptom: 'Adyen notifications are accepted.', cause: 'The HMAC verifies.', fix: 'Nothing to fix.' },
  },
  {
    id: 'webhook.adyen-tampered',
    family: 'webhook',
    title: 'An Adyen notification with an altered amount is refused',
    basis: 'The Adyen HMAC covers the amount: a changed value must not verify.',
    processor: { profile: 'adyen', transport: good },
    drive: { kind: 'webhook', deliveries: [{ event: 'a1', tamper: true }] },
    expect: refused('WEBHOOK_SIGNATURE_INVALID'),
    runbook: { symptom: 'Adyen notifications are refused with WEBHOOK_SIGNATURE_INVALID.', cause: 'The signed fields do not match the HMAC (tampering or a wrong HMAC key).', fix: 'Check the HMAC key for this webhook in the Customer Area against the gateway config.' },
  },
];
