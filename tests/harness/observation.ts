import type { CommittedPayment } from '../../mocks/processors/profile.ts';
import type { RequestRecord } from '../../mocks/servers/records.ts';
import type { PaymentResult, ProcessorHealth } from '../drivers/driver.ts';

/** Everything a contract run saw, from both sides of the gateway. Judged by verdict.ts. */
export type Observation = {
  scenarioId: string;
  driver: string;
  boot: { ok: true } | { ok: false; code: string | null; message: string };
  /** The judged payment answer (the last one the drive made). */
  payment: PaymentResult | null;
  /** Every payment answer, in order. */
  payments: PaymentResult[];
  /**
   * Of the judged payment's time, how much went to completed TLS handshakes with the processors (ms,
   * each cut to the gateway's handshake bound; concurrent ones once). The time clause does not count
   * it: it judges the waiting policy, and a handshake has its own bound and scenarios.
   */
  handshakeMs?: number;
  /** Every webhook delivery answer, in order; the last one is judged. */
  webhooks: { status: number; code: string | null; body: string }[];
  /** The Idempotency-Key the harness sent to the gateway. */
  idempotencyKey: string;
  /** HTTP requests that reached the processor application during the payment. */
  requests: RequestRecord[];
  /** Charges the processor committed. */
  committed: CommittedPayment[];
  /** TCP connections the processor port accepted during the payment. */
  connections: number;
  health: ProcessorHealth | null;
  /** The gateway's failure counter for the expected code, before and after the payment. */
  failures: { before: number; after: number } | null;
  /** Payment-route requests that broke the profile's request schema or lacked auth / idempotency headers. */
  wireProblems: string[];
  /** Secrets (by label) found where they must never be, with where. */
  leaks: string[];
  /** Topologies: every configured processor in failover order, the first being the one above (absent with one processor). */
  topology?: ProcessorFacts[];
  /** The books around the drive: every failure counted, and the declined outcome (null where the driver cannot read them). */
  accounting?: { failures: Counter | null; declined: Counter | null };
  /** How long the run took, processors started to observation complete (its own time, even when it overlapped others). */
  ms?: number;
};

export type Counter = { before: number; after: number };

/** What one processor of a topology saw and what /health says of it. */
export type ProcessorFacts = {
  role: 'primary' | 'secondary';
  /** Its name in the gateway's config (the /health and /webhooks name). */
  name: string;
  profile: string;
  /** Payment-route requests it received during the drive, with arrival order. */
  paymentRequests: number;
  /** The idempotency keys those requests carried. */
  idempotencyKeys: string[];
  /** Approved charges it committed (a declined payment is recorded, not charged). */
  charges: number;
  health: ProcessorHealth | null;
  /** The subject of the client certificate the harness configured for this processor, or null for none. */
  ownClientCert: string | null;
  /** Subjects of the client certificates the gateway presented to it (every connection). */
  clientCertsPresented: string[];
  /** Labels of another processor's secrets found in requests this processor received (headers, body, decoded Basic). */
  foreignSecrets: string[];
};
