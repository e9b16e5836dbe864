import type { X509Certificate } from 'node:crypto';
import { describeSubject, daysUntil } from './tls/material.ts';

export type CertificateInfo = { subject: string; notAfter: string; daysUntilExpiry: number };
export type ProcessorHealth = {
  name: string;
  profile: string;
  state: 'up' | 'down' | 'unknown';
  lastErrorCode: string | null;
  checkedAt: string | null;
  certificate: CertificateInfo | null;
  clientCertificate: CertificateInfo | null;
};
export type HealthReport = { status: 'ok' | 'degraded' | 'down'; processors: ProcessorHealth[] };
/**
 * `answered`: the processor answered over HTTP (auth, rate limit, 5xx, bad body, an HTTP 400 from
 * its TLS front). `probe`: a handshake-only check, which cannot see such failures.
 */
export type Observation = { ok: true; probe?: boolean } | { ok: false; code: string; answered?: boolean };

export interface HealthTracker {
  /** Starts an observation (a payment attempt or a probe); the later-started one wins. */
  begin(processor: string): number;
  observe(processor: string, ticket: number, observation: Observation): void;
  /** The processor's leaf as last verified. */
  certificate(processor: string, leaf: X509Certificate): void;
  report(): HealthReport;
}

export type HealthPart = (options: {
  processors: { name: string; profile: string; clientCert: X509Certificate | undefined }[];
  now: () => number;
}) => HealthTracker;

type Entry = { profile: string; ticket: number; state: ProcessorHealth['state']; lastErrorCode: string | null; answered: boolean; checkedAt: number | null; leaf: X509Certificate | null; client: X509Certificate | null };

const info = (cert: X509Certificate | null, now: number): CertificateInfo | null =>
  cert ? { subject: describeSubject(cert), notAfter: new Date(cert.validTo).toISOString(), daysUntilExpiry: daysUntil(cert.validTo, now) } : null;

/**
 * Each processor's state is its latest observation (by start order), except that a successful
 * probe does not clear a failure the processor answered over HTTP. Overall: "down" when every processor is down,
 * "degraded" when some are, "ok" otherwise (a processor never observed yet does not count as down).
 */
export const createHealth: HealthPart = ({ processors, now }) => {
  let sequence = 0;
  const entries = new Map<string, Entry>(
    processors.map((p) => [p.name, { profile: p.profile, ticket: 0, state: 'unknown', lastErrorCode: null, answered: false, checkedAt: null, leaf: null, client: p.clientCert ?? null }]),
  );
  return {
    begin: () => ++sequence,
    observe(processor, ticket, observation) {
      const entry = entries.get(processor);
      if (!entry || ticket < entry.ticket) return;
      // A handshake that works says nothing about a failure the processor reported over HTTP.
      if (observation.ok && observation.probe && entry.state === 'down' && entry.answered) return;
      entry.ticket = ticket;
      entry.answered = !observation.ok && observation.answered === true;
      entry.state = observation.ok ? 'up' : 'down';
      entry.lastErrorCode = observation.ok ? null : observation.code;
      entry.checkedAt = now();
    },
    certificate(processor, leaf) {
      const entry = entries.get(processor);
      if (entry) entry.leaf = leaf;
    },
    report() {
      const at = now();
      const list: ProcessorHealth[] = [...entries].map(([name, e]) => ({
        name,
        profile: e.profile,
        state: e.state,
        lastErrorCode: e.lastErrorCode,
        checkedAt: e.checkedAt === null ? null : new Date(e.checkedAt).toISOString(),
        certificate: info(e.leaf, at),
        clientCertificate: info(e.client, at),
      }));
      const down = list.filter((p) => p.state === 'down').length;
      const status = down === 0 ? 'ok' : down === list.length ? 'down' : 'degraded';
      return { status, processors: list };
    },
  };
};
