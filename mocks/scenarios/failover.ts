import { codeInfo } from './codes.ts';
import { HARNESS_TIMEOUTS, rejects, succeeds } from './expect.ts';
import type { ScenarioInput } from './schema.ts';

const good = { kind: 'tls' as const, tls: { cert: 'server-good' } };
const closed = { kind: 'raw' as const, fault: 'closed-port' as const };
/** Visa-style two-way TLS: the processor trusts the gateway's client CA. */
const visaMtls = { profile: 'visa' as const, transport: { kind: 'tls' as const, tls: { cert: 'server-good', clientCert: { mode: 'node-reject' as const, trust: 'client-ca' } } } };
const { responseMs } = HARNESS_TIMEOUTS;

/** The processor never reached, as a topology expects it. */
const untouched = { charges: 0, reached: false, health: 'any' as const };
const tookIt = { charges: 1, reached: true, health: 'up' as const };
const downWith = (code: 'NET_CONNECTION_REFUSED' | 'NET_CONNECTION_RESET' | 'NET_RESPONSE_TIMEOUT', charges = 0) => ({ charges, reached: charges > 0, health: 'down' as const, code });

/**
 * Two processors in failover order (a primary and a secondary): failover only when no byte of the
 * payment reached the primary; never a second charge after a written request; /health per
 * processor; TLS material and credentials only to the processor they belong to.
 */
export const failoverScenarios: ScenarioInput[] = [
  {
    id: 'failover.connect-refused-primary',
    family: 'failover',
    title: 'The primary refuses connections; the payment is taken once at the secondary',
    basis: 'A processor outage at the TCP level (ECONNREFUSED): nothing was written, so another processor may take the payment; the primary shows down, the secondary up.',
    processor: { transport: closed },
    secondary: { processor: visaMtls, gateway: { clientCert: 'client-good' } },
    expect: { ...succeeds(), processors: { primary: downWith('NET_CONNECTION_REFUSED'), secondary: tookIt } },
    runbook: { symptom: 'The primary shows down with NET_CONNECTION_REFUSED; payments succeed at the secondary.', cause: 'Nothing accepts connections at the primary; the gateway failed over because no byte of the payment was written.', fix: 'Check the primary\'s baseUrl, egress rules and status page; payments continue at the secondary meanwhile.' },
  },
  {
    id: 'failover.reset-after-commit-primary',
    family: 'failover',
    title: 'The primary charges, then resets every connection; no second charge at the secondary',
    basis: 'A reset after the request was written: the primary may have charged (here it did). Failing over would charge the customer twice; only a retry at the primary with the same idempotency key is safe.',
    processor: { transport: good, behaviour: { kind: 'reset', commit: true, times: null } },
    secondary: { processor: { transport: good } },
    expect: { ...rejects('NET_CONNECTION_RESET', undefined, { paymentSent: true }), processors: { primary: downWith('NET_CONNECTION_RESET', 1), secondary: untouched } },
    runbook: { symptom: 'Payments fail with NET_CONNECTION_RESET; the primary may show the charge; the secondary sees nothing.', cause: 'The connection to the primary resets after the request was written; the outcome there is unknown, so the gateway must not fail over.', fix: 'Reconcile with the primary by idempotency key before asking the customer to pay again; check the network path to the primary.' },
  },
  {
    id: 'failover.timeout-after-commit-primary',
    family: 'failover',
    title: 'The primary charges and never answers; the failure is reported, the secondary is not charged',
    basis: 'A read timeout after the request was written (a processor brown-out): the classic double charge when a timeout is treated as "not sent" and the payment is taken again elsewhere.',
    processor: { transport: good, behaviour: { kind: 'hang', commit: true, times: null } },
    secondary: { processor: { transport: good } },
    expect: { ...rejects('NET_RESPONSE_TIMEOUT', 3 * responseMs + 1000, { paymentSent: true }), processors: { primary: downWith('NET_RESPONSE_TIMEOUT', 1), secondary: untouched } },
    runbook: { symptom: 'Payments fail with NET_RESPONSE_TIMEOUT after a few seconds; the secondary sees nothing.', cause: 'The primary took the request and never answered; the payment may be charged there, so it must not be sent to another processor.', fix: 'Reconcile with the primary by idempotency key; check the primary\'s status page.' },
  },
  {
    id: 'failover.lost-response-replayed-at-primary',
    family: 'failover',
    title: 'The primary\'s first answer is lost; the retry at the primary is replayed, the secondary untouched',
    basis: 'Stripe idempotency: a retry with the same key after a lost response returns the first result. The retry belongs at the processor that has the charge, not at the next one.',
    processor: { transport: good, behaviour: { kind: 'hang', commit: true, times: 1 } },
    secondary: { processor: { transport: good } },
    expect: { ...succeeds(responseMs + 1500), processors: { primary: tookIt, secondary: untouched } },
    runbook: { symptom: 'A response timeout is logged at the primary, then the payment succeeds once there.', cause: 'The first answer was lost; the retry with the same idempotency key got the stored result.', fix: 'Nothing to fix; a charge at the secondary here means the gateway fails over after a written request.' },
  },
  {
    id: 'failover.decline-stays-at-primary',
    family: 'failover',
    title: 'A card declined at the primary is not tried at the secondary',
    basis: 'A decline is the issuer\'s answer, not an outage: retrying it at another processor is what card-network excessive-retry rules penalise, and it marks nothing down.',
    processor: { transport: good },
    secondary: { processor: { transport: good } },
    drive: { kind: 'pay', card: 'declined' },
    expect: { ...rejects('PAYMENT_DECLINED', undefined, { paymentSent: true, health: 'up', retryable: codeInfo('PAYMENT_DECLINED').retryable }), processors: { primary: { charges: 0, reached: true, health: 'up' }, secondary: untouched } },
    runbook: { symptom: 'The customer sees a decline; both processors stay up; the secondary received nothing.', cause: 'The issuer declined the card at the primary.', fix: 'Nothing to fix; a request at the secondary here means the gateway fails over on declines.' },
  },
  {
    id: 'failover.client-cert-isolation',
    family: 'failover',
    title: 'After a failover from a mutual-TLS primary, the secondary never sees its client certificate or credentials',
    basis: 'PCI DSS key management and authentication: keys and credentials are protected and used only where they belong. A TLS server may ask any client for a certificate; the gateway answers only with the one configured for that processor.',
    processor: { profile: 'visa', transport: closed },
    gateway: { clientCert: 'client-good' },
    secondary: { processor: { transport: { kind: 'tls', tls: { cert: 'server-good', clientCert: { mode: 'request-any' } } } } },
    expect: { ...succeeds(), processors: { primary: downWith('NET_CONNECTION_REFUSED'), secondary: tookIt } },
    runbook: { symptom: 'Payments succeed at the secondary while the mutual-TLS primary is down.', cause: 'The primary refuses connections; the gateway failed over with the secondary\'s own TLS material and credentials.', fix: 'Nothing to fix; a client certificate or Basic credentials at the secondary mean the gateway shares TLS material or auth headers between processors.' },
  },
];
