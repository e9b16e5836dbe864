import type { ChainEntry } from './certificate.ts';

/** Everything doctor found about one processor connection; `--json` prints it as is. */
export type DoctorReport = {
  /** The taxonomy code of the problem found; null when healthy. */
  code: string | null;
  ok: boolean;
  /** One line: the verdict. */
  summary: string;
  /** One sentence: what to change; null when healthy. */
  fix: string | null;
  /** The chain as served, leaf first (read without verification when verification failed). */
  chain: ChainEntry[];
  tls: TlsFacts;
  url: string;
  /** Things that work today and will not for long (expiry horizons, leaf-only pins), with their code. */
  warnings: DoctorWarning[];
};

export type DoctorWarning = { code: string; message: string };

export type TlsFacts = {
  host: string;
  port: number;
  /** The name the certificate must carry (tls.servername, else the URL host). */
  servername: string;
  /** Chain, host name and the gateway's own policy (key size, digest, pins) all verified. */
  verified: boolean;
  hostnameMatch: boolean | null;
  protocol: string | null;
  cipher: string | null;
  alpn: string | null;
  /** When the verified connection failed: what the server picks from a client that allows anything. */
  served: { protocol: string | null; cipher: string | null } | null;
  clientCert: {
    configured: boolean;
    subject: string | null;
    daysToExpiry: number | null;
    /** true: the processor answered with a client certificate in place; false: it refused it; null: not known. */
    accepted: boolean | null;
  };
  /** The one harmless request sent after a verified handshake (never after a failed one). */
  http: { request: string; status: number | null } | null;
  /** Days until the leaf expires. */
  daysToExpiry: number | null;
  /** Where it failed: the gateway config, TCP, the TLS handshake, or the first request. */
  stage: 'config' | 'connect' | 'handshake' | 'request' | null;
  /** The low-level reason (OpenSSL / Node error) behind the code. */
  detail: string | null;
  durationMs: number;
};

const pad = (label: string) => `  ${label.padEnd(12)}`;

function chainLines(chain: ChainEntry[], verified: boolean): string[] {
  if (!chain.length) return [`${pad('chain')}not received`];
  const lines = [`${pad('chain')}${verified ? 'verified' : 'as served (not verified)'}, leaf first:`];
  chain.forEach((c, i) => {
    const expiry = c.daysToExpiry < 0 ? `EXPIRED ${-c.daysToExpiry} days ago` : `expires in ${c.daysToExpiry} days`;
    lines.push(`    ${i}. ${c.subject}${c.selfSigned ? ' (self-signed)' : ''}`);
    lines.push(`       issuer ${c.issuer}`);
    lines.push(`       valid ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)} (${expiry}); ${c.key}; ${c.signature}`);
    if (c.sans.length) lines.push(`       names ${c.sans.join(', ')}`);
    lines.push(`       pin ${c.pin}`);
  });
  return lines;
}

function clientLine(facts: TlsFacts): string {
  const c = facts.clientCert;
  if (!c.configured) return 'none configured';
  const who = `${c.subject ?? 'configured'}${c.daysToExpiry === null ? '' : ` (expires in ${c.daysToExpiry} days)`}`;
  const verdict = c.accepted === true ? 'accepted' : c.accepted === false ? 'REFUSED by the processor' : 'not checked';
  return `${who}: ${verdict}`;
}

/** The report for a person: verdict first, then the evidence, then the fix. */
export function formatReport(report: DoctorReport): string {
  const t = report.tls;
  const lines = [`gatecheck doctor ${report.url} (as ${t.servername})`];
  lines.push(`${pad('verdict')}${report.ok ? 'OK' : `FAIL ${report.summary}`}`);
  if (report.ok) lines.push(`${pad('')}${report.summary}`);
  if (t.detail && !report.ok) lines.push(`${pad('detail')}${t.detail}`);
  if (t.stage !== 'config') {
    lines.push(...chainLines(report.chain, t.verified));
    lines.push(`${pad('hostname')}${t.hostnameMatch === null ? 'not checked' : t.hostnameMatch ? `${t.servername} matches the leaf` : `${t.servername} is NOT named by the leaf`}`);
    const negotiated = t.protocol ? `${t.protocol}, ${t.cipher}${t.alpn ? `, ALPN ${t.alpn}` : ''}` : 'no verified session';
    lines.push(`${pad('protocol')}${negotiated}${t.served?.protocol ? ` (server picks ${t.served.protocol}, ${t.served.cipher} when any version is allowed)` : ''}`);
    lines.push(`${pad('client cert')}${clientLine(t)}`);
    if (t.http) lines.push(`${pad('request')}${t.http.request} -> ${t.http.status === null ? 'no HTTP answer' : `HTTP ${t.http.status}`}`);
    if (t.daysToExpiry !== null) lines.push(`${pad('expiry')}leaf ${t.daysToExpiry < 0 ? `expired ${-t.daysToExpiry} days ago` : `expires in ${t.daysToExpiry} days`}`);
  }
  for (const w of report.warnings) lines.push(`${pad('warning')}${w.code}: ${w.message}`);
  if (report.fix) lines.push(`${pad('fix')}${report.fix}`);
  lines.push(`${pad('')}(${t.durationMs} ms)`);
  return lines.join('\n');
}
