import type { X509Certificate } from 'node:crypto';
import {
  classifyError, ConnectError, connectVerified, expectedServername, GatewayBootError, loadTlsMaterial, tlsOptions, verifyPeer,
  type ProcessorConfig, type TlsMaterial, type VerifiedConnection,
} from '../../gateway/index.ts';
import { askOnce } from './ask.ts';
import { daysUntil, describeCertificate, namesHost, oneLine } from './certificate.ts';
import { inFlags, processorFor, type DoctorOptions } from './config.ts';
import { fixOf, summaryOf } from './fix.ts';
import { inspectServer } from './inspect.ts';
import type { DoctorReport, DoctorWarning, TlsFacts } from './report.ts';

/** Leaf and client certificates closer than this to expiry are reported as warnings. */
export const EXPIRY_WARNING_DAYS = 30;

/** Codes after which the served chain is worth reading with a second, unverified handshake. */
const CHAIN_WORTH_READING = /^TLS_(CERT_|HOSTNAME|SELF|UNTRUSTED|INCOMPLETE|WEAK|PIN|PROTOCOL|NO_SHARED|ALPN|CLIENT_CERT|HANDSHAKE_FAILED)/;

export type DiagnoseOptions = {
  /** One bound for connect, handshake and answer; default: the processor's own timeouts. */
  timeoutMs?: number | undefined;
  /** Material already loaded by the caller's own boot checks (audit): not loaded, not warned about again. */
  material?: TlsMaterial | undefined;
  /** Warn when the processor leaf expires within this many days (default 30). */
  expiryWarningDays?: number | undefined;
  now?: number | undefined;
  /** How config fields are named in messages (doctor speaks in flags; audit in config fields). */
  rename?: ((text: string) => string) | undefined;
  /** The processor's index in its config, for boot-check messages (default 0). */
  index?: number | undefined;
};

const splitFix = (message: string) => message.split(/\s+Fix: /)[0]!.trim();

function emptyFacts(processor: ProcessorConfig | undefined, url: string): TlsFacts {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 443),
    servername: processor ? expectedServername(processor) : parsed.hostname,
    verified: false,
    hostnameMatch: null,
    protocol: null,
    cipher: null,
    alpn: null,
    served: null,
    clientCert: { configured: Boolean(processor?.tls.certFile), subject: null, daysToExpiry: null, accepted: null },
    http: null,
    daysToExpiry: null,
    stage: null,
    detail: null,
    durationMs: 0,
  };
}

function finish(report: Omit<DoctorReport, 'summary' | 'fix'> & { summary?: string }, processor: ProcessorConfig | undefined, started: number): DoctorReport {
  report.tls.durationMs = Math.round(performance.now() - started);
  if (report.code === null) {
    const t = report.tls;
    const summary = report.summary ?? `verified ${t.protocol} connection to ${t.host}:${t.port} as ${t.servername}`;
    return { code: null, ok: true, summary, fix: null, chain: report.chain, tls: report.tls, url: report.url, warnings: report.warnings };
  }
  const summary = `${report.code}: ${summaryOf(report.code)}`;
  const fix = fixOf(report.code, { processor, chain: report.chain, tls: report.tls });
  return { code: report.code, ok: false, summary, fix, chain: report.chain, tls: report.tls, url: report.url, warnings: report.warnings };
}

/**
 * Connects to one processor exactly as the reference gateway would with this processor config:
 * its boot checks on the TLS material, its TLS options, its bounded connect with the peer policy
 * (key size, digest, pins) and its classifier. After a verified handshake it sends one harmless
 * `GET /` to see the processor's verdict on the client certificate; after a failed one it sends
 * nothing and reads the served chain with a separate unverified handshake, for the report only.
 */
export async function diagnoseProcessor(processor: ProcessorConfig, options: DiagnoseOptions = {}): Promise<DoctorReport> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  // The processor's own bounds, as the gateway uses them, unless the caller gives one bound for all.
  const bounds = options.timeoutMs === undefined
    ? processor.timeouts
    : { connectMs: options.timeoutMs, handshakeMs: options.timeoutMs, responseMs: options.timeoutMs };
  const rename = options.rename ?? ((text: string) => text);
  const tls = emptyFacts(processor, processor.baseUrl);
  const horizon = options.expiryWarningDays ?? EXPIRY_WARNING_DAYS;
  const base = { url: processor.baseUrl, chain: [] as DoctorReport['chain'], tls, warnings: [] as DoctorWarning[] };

  let material: TlsMaterial;
  if (options.material) material = options.material;
  else {
    try {
      const loaded = loadTlsMaterial(processor, options.index ?? 0, now);
      material = loaded.material;
      const expiring = /client certificate expires in/;
      base.warnings.push(...loaded.warnings.filter((w) => !expiring.test(w.message)).map((w) => ({ code: w.code, message: rename(splitFix(w.message)) })));
    } catch (error) {
      if (!(error instanceof GatewayBootError)) throw error;
      tls.stage = 'config';
      tls.detail = rename(splitFix(error.message));
      return finish({ ...base, code: error.code, ok: false }, processor, started);
    }
  }
  if (material.clientCert) {
    const days = daysUntil(material.clientCert.validTo, now);
    tls.clientCert = { configured: true, subject: oneLine(material.clientCert.subject), daysToExpiry: days, accepted: null };
    if (!options.material && days < horizon) {
      base.warnings.push({ code: 'CONFIG_CLIENT_CERT_EXPIRED', message: `the client certificate expires in ${days} days (${new Date(material.clientCert.validTo).toISOString().slice(0, 10)}): renew it now` });
    }
  }

  const connectionOptions = tlsOptions(processor, material);
  let connection: VerifiedConnection;
  try {
    connection = await connectVerified({
      target: { host: tls.host, port: tls.port },
      tls: connectionOptions,
      bounds: { connectMs: bounds.connectMs, handshakeMs: bounds.handshakeMs },
      verifyPeer,
      policy: { minKeyBits: processor.tls.minKeyBits, pins: processor.tls.pins },
    });
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error;
    const { code, reason } = classifyError(error.cause, error.context);
    tls.stage = error.context.phase === 'connect' ? 'connect' : 'handshake';
    tls.detail = /^[A-Z0-9_]+$/.test(reason) && reason !== error.message ? `${reason} (${error.message})` : reason;
    if (code.startsWith('TLS_CLIENT_CERT')) tls.clientCert.accepted = false;
    if (CHAIN_WORTH_READING.test(code)) {
      const seen = await inspectServer({
        host: tls.host, port: tls.port, servername: connectionOptions.servername,
        cert: material.cert, key: material.key, passphrase: material.passphrase,
      }, bounds.handshakeMs);
      if (seen) {
        base.chain = seen.chain.map((c) => describeCertificate(c, now));
        tls.served = seen.protocol ? { protocol: seen.protocol, cipher: seen.cipher } : null;
        const leaf = seen.chain[0];
        if (leaf) {
          tls.hostnameMatch = namesHost(leaf, tls.servername);
          tls.daysToExpiry = daysUntil(leaf.validTo, now);
        }
      }
    }
    return finish({ ...base, code, ok: false }, processor, started);
  }

  tls.verified = true;
  tls.hostnameMatch = true;
  tls.protocol = connection.protocol;
  tls.cipher = connection.cipher;
  tls.alpn = connection.alpn || null;
  base.chain = connection.chain.map((c: X509Certificate) => describeCertificate(c, now));
  const leaf = base.chain[0];
  if (leaf) {
    tls.daysToExpiry = leaf.daysToExpiry;
    if (leaf.daysToExpiry < horizon) base.warnings.push({ code: 'TLS_CERT_EXPIRED', message: `the processor leaf "${leaf.subject}" expires in ${leaf.daysToExpiry} days (${leaf.notAfter.slice(0, 10)}): ask the processor about its renewal` });
  }
  const pins = processor.tls.pins ?? [];
  if (pins.length && base.chain.length > 1 && !base.chain.slice(1).some((c) => pins.includes(c.pin))) {
    base.warnings.push({ code: 'TLS_PIN_MISMATCH', message: `tls.pins matches only the leaf key, so the processor's next certificate renewal breaks payments: pin the issuing CA key ${base.chain[1]!.pin} instead` });
  }

  tls.stage = 'request';
  const host = new URL(processor.baseUrl).host;
  const answer = await askOnce(connection.socket, host, tls.clientCert.configured, bounds.responseMs);
  tls.http = { request: 'GET /', status: answer.answered ? answer.status : null };
  if (answer.code === null) {
    tls.stage = null;
    if (tls.clientCert.configured) tls.clientCert.accepted = true;
    const summary = `verified ${tls.protocol} connection to ${tls.host}:${tls.port} as ${tls.servername}; the processor answered HTTP ${answer.answered ? answer.status : '?'}${tls.clientCert.configured ? ' with the client certificate accepted' : ''}`;
    return finish({ ...base, code: null, ok: true, summary }, processor, started);
  }
  if (answer.code.startsWith('TLS_CLIENT_CERT')) tls.clientCert.accepted = false;
  tls.detail = answer.detail;
  return finish({ ...base, code: answer.code, ok: false }, processor, started);
}

/** `gatecheck doctor` in-process: the options a gateway would be configured with, then the diagnosis. */
export async function doctor(given: DoctorOptions): Promise<DoctorReport> {
  const started = performance.now();
  // Credentials in the URL are never printed (nor sent: a processor takes them from the config).
  const { url, hadCredentials } = withoutCredentials(given.url);
  const options = { ...given, url };
  const warnings: DoctorWarning[] = hadCredentials ? [{ code: 'CONFIG_INVALID', message: 'the URL carried a user name or password: removed, never printed; processor credentials belong in the config' }] : [];
  // The gateway refuses to start under this switch, so doctor says so rather than "OK".
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    const tls = emptyFacts(undefined, url);
    tls.stage = 'config';
    tls.detail = 'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: the gateway refuses to start under it (it turns certificate verification off for the whole process); unset it';
    return finish({ url, code: 'CONFIG_INSECURE_TLS', ok: false, chain: [], tls, warnings }, undefined, started);
  }
  let processor: ProcessorConfig;
  try {
    processor = processorFor(options);
  } catch (error) {
    if (!(error instanceof GatewayBootError)) throw error;
    const tls = emptyFacts(undefined, options.url);
    tls.stage = 'config';
    tls.detail = inFlags(splitFix(error.message));
    return finish({ url, code: error.code, ok: false, chain: [], tls, warnings }, undefined, started);
  }
  const report = await diagnoseProcessor(processor, { timeoutMs: options.timeoutMs, now: options.now, rename: inFlags });
  return { ...report, warnings: [...warnings, ...report.warnings] };
}

function withoutCredentials(text: string): { url: string; hadCredentials: boolean } {
  const parsed = new URL(text);
  if (!parsed.username && !parsed.password) return { url: text, hadCredentials: false };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), hadCredentials: true };
}
