import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getProfile } from '../../mocks/processors/index.ts';
import type { RequestRecord } from '../../mocks/servers/records.ts';
import type { ProcessorServer } from '../../mocks/servers/start-processor.ts';
import type { ProcessorConfig, ProcessorHealth } from '../drivers/driver.ts';
import type { ProcessorFacts } from './observation.ts';
import type { Secret } from './secrets.ts';

/** `CN=<common name>`, as the mock's TLS front records a presented client certificate. */
export function certificateSubject(certFile: string | null): string | null {
  if (!certFile) return null;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(new X509Certificate(readFileSync(certFile)).subject)?.[1];
  return cn === undefined ? null : `CN=${cn}`;
}

/** A request as text a secret can be found in: headers, body, and the decoded `Authorization: Basic`. */
export function requestText(request: RequestRecord): string {
  const basic = /^Basic\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
  const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
  return `${JSON.stringify(request.headers)}\n${request.body}\n${decoded}`;
}

/**
 * What one processor of a topology received during the drive: its payment attempts and keys, its
 * charges, the client certificates presented to it, and any secret of another processor in its
 * requests. `secrets` are labelled `<processor name> ...` (secretsOf).
 */
export function processorFacts(
  server: ProcessorServer,
  config: ProcessorConfig,
  role: ProcessorFacts['role'],
  seen: { marks: { connections: number; requests: number }; health: ProcessorHealth | null; secrets: Secret[] },
): ProcessorFacts {
  const profile = getProfile(server.profile);
  const requests = server.requests().slice(seen.marks.requests);
  const payments = requests.filter((r) => r.method === 'POST' && r.path === profile.paymentRoute.path);
  const texts = requests.map(requestText);
  // Another processor's secret, unless it is also this one's (two processors of one profile may share a value).
  const own = new Set(seen.secrets.filter((s) => s.label.startsWith(`${config.name} `)).map((s) => s.value));
  const foreign = seen.secrets.filter((s) => !s.label.startsWith(`${config.name} `) && s.label !== 'card number' && !own.has(s.value));
  return {
    role,
    name: config.name,
    profile: server.profile,
    paymentRequests: payments.length,
    idempotencyKeys: [...new Set(payments.map((r) => r.headers[profile.idempotencyHeader] ?? ''))],
    charges: server.payments().filter((p) => p.outcome === 'approved').length,
    health: seen.health,
    ownClientCert: certificateSubject(server.client.cert),
    clientCertsPresented: [...new Set(server.connections().slice(seen.marks.connections).flatMap((c) => (c.clientCert ? [c.clientCert.subject] : [])))],
    foreignSecrets: [...new Set(foreign.filter((s) => texts.some((t) => t.includes(s.value))).map((s) => s.label))],
  };
}
