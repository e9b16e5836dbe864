import type { ProcessorProfile } from '../../mocks/processors/profile.ts';
import type { Drive } from '../../mocks/scenarios/schema.ts';

type Delivery = Extract<Drive, { kind: 'webhook' }>['deliveries'][number];

/** One webhook POST: lower-case headers and the raw body. */
export type WebhookDelivery = { headers: Record<string, string>; body: string };

/** A secret the gateway is not configured with, in each profile's own form. */
const WRONG_SECRET: Record<string, string> = { stripe: 'whsec_not_the_configured_secret', adyen: 'FF'.repeat(32), paypal: 'server-rotated' };
const NEXT_SECRET: Record<string, string> = { stripe: 'whsec_gatecheck_next' };

/** The processor's event for a scenario's event name, in the profile's shape. */
function event(profile: ProcessorProfile, name: string) {
  if (profile.name === 'adyen') return { id: `GC${name.toUpperCase().padStart(14, '0')}`.slice(0, 16), type: 'AUTHORISATION', payload: { amount: { value: 1000, currency: 'EUR' } } };
  return { id: `evt_gatecheck_${name}`, type: 'payment_intent.succeeded', payload: { object: { id: `pi_gatecheck_${name}`, amount: 1000, currency: 'eur', status: 'succeeded' } } };
}

/** Signs each delivery as the processor would, then breaks it as the scenario says. */
export function signedDeliveries(profile: ProcessorProfile, deliveries: Delivery[]): WebhookDelivery[] {
  const signer = profile.webhooks;
  if (!signer) throw new Error(`gatecheck: the ${profile.name} profile sends no webhooks`);
  return deliveries.map((d) => {
    const signed = signer.sign(event(profile, d.event), {
      at: new Date(Date.now() - d.ageSeconds * 1000),
      pretty: d.format === 'pretty',
      ...(d.secret === 'wrong' ? { secret: WRONG_SECRET[profile.name] } : {}),
      ...(d.secret === 'configured-and-next' ? { extraSecrets: [NEXT_SECRET[profile.name] ?? 'next'] } : {}),
    });
    return { headers: signed.headers, body: d.tamper ? signed.body.replace('1000', '9000') : signed.body };
  });
}
