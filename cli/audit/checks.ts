import { X509Certificate } from 'node:crypto';
import { GatewayBootError, loadTlsMaterial, type ProcessorConfig, type TlsMaterial } from '../../gateway/index.ts';
import { credentialMode, hostMode, modeMismatch } from '../../gateway/mode.ts';
import { daysUntil, oneLine } from '../doctor/certificate.ts';
import { finding, type Finding } from './finding.ts';
import type { ParsedProcessor } from './parse.ts';

const at = (p: ParsedProcessor, field: string) => `processors[${p.index}].${field}`;

/** What to change in a copy of the processor so the next boot check can run past this refusal. */
function neutralise(config: ProcessorConfig, field: string): boolean {
  const tls = config.tls;
  const name = field.replace(/^processors\[\d+\]\.tls\./, '');
  switch (name) {
    case 'minVersion': tls.minVersion = 'TLSv1.2'; return true;
    case 'maxVersion': tls.maxVersion = 'TLSv1.3'; return true;
    case 'minKeyBits': tls.minKeyBits = 2048; return true;
    case 'ciphers': delete tls.ciphers; return true;
    case 'caFile': delete tls.caFile; return true;
    case 'certFile': case 'keyFile': case 'passphrase':
      delete tls.certFile; delete tls.keyFile; delete tls.passphrase; return true;
    default: return false;
  }
}

export type MaterialResult = { material: TlsMaterial | null; findings: Finding[] };

/**
 * The gateway's boot checks on one processor's TLS (policy, CA bundle, client certificate, key and
 * passphrase), all of them: after each refusal the offending setting is neutralised in a copy and
 * the checks run again. `material` is null when anything in the TLS setup was refused.
 */
export function checkMaterial(p: ParsedProcessor, now: number): MaterialResult {
  const copy = structuredClone(p.config);
  const findings: Finding[] = [];
  let refused = false;
  let clientCertRemoved = false;
  for (let attempt = 0; attempt < 12; attempt++) {
    try {
      const { material, warnings } = loadTlsMaterial(copy, p.index, now);
      for (const w of warnings) {
        if (/client certificate expires in/.test(w.message)) continue; // expiry horizons are checked below, with --expiry-days
        if (clientCertRemoved && w.code === 'TLS_CLIENT_CERT_REQUIRED') continue; // it is configured, and refused above
        findings.push(finding(w.field, w.code, w.message));
      }
      return { material: refused ? null : material, findings };
    } catch (error) {
      if (!(error instanceof GatewayBootError)) throw error;
      refused = true;
      if (findings.some((f) => f.field === error.field && f.code === error.code)) return { material: null, findings }; // neutralising did not help
      // A passphrase that came from a missing environment variable is already reported.
      const placeholderPassphrase = p.repaired.has(at(p, 'tls.passphrase')) && error.code === 'CONFIG_CLIENT_KEY_PASSPHRASE';
      if (!placeholderPassphrase) findings.push(finding(error.field, error.code, error.message));
      if (/\.tls\.(certFile|keyFile|passphrase)$/.test(error.field)) clientCertRemoved = true;
      if (!neutralise(copy, error.field)) return { material: null, findings };
    }
  }
  return { material: null, findings };
}

/** Client certificate and CA certificates that expire within the horizon (expired ones are boot errors already). */
export function checkExpiry(p: ParsedProcessor, material: TlsMaterial, now: number, horizonDays: number): Finding[] {
  const findings: Finding[] = [];
  const client = material.clientCert;
  if (client) {
    const days = daysUntil(client.validTo, now);
    if (days < horizonDays) {
      findings.push(finding(at(p, 'tls.certFile'), 'CONFIG_CLIENT_CERT_EXPIRED', `${at(p, 'tls.certFile')} (${p.config.tls.certFile}): the client certificate "${oneLine(client.subject)}" expires in ${days} days (${client.validTo}), within the ${horizonDays}-day horizon. Fix: renew it with the processor now and deploy the new certificate and key.`));
    }
  }
  for (const pem of material.ca ?? []) {
    const ca = new X509Certificate(pem);
    const days = daysUntil(ca.validTo, now);
    if (days >= 0 && days < horizonDays) {
      findings.push(finding(at(p, 'tls.caFile'), 'CONFIG_CA_BUNDLE_UNREADABLE', `${at(p, 'tls.caFile')} (${p.config.tls.caFile}): CA certificate "${oneLine(ca.subject)}" expires in ${days} days (${ca.validTo}); chains that end only there will fail with TLS_CERT_EXPIRED. Fix: add the processor's next root to the bundle before then.`));
    }
  }
  return findings;
}

/** Settings that work today and break on a foreseeable processor change. */
export function checkPolicy(p: ParsedProcessor): Finding[] {
  const findings: Finding[] = [];
  if (p.config.tls.maxVersion !== 'TLSv1.3') {
    findings.push(finding(at(p, 'tls.maxVersion'), 'TLS_PROTOCOL_VERSION', `${at(p, 'tls.maxVersion')} caps the gateway at ${p.config.tls.maxVersion}; a processor that raises its floor to TLS 1.3 becomes unreachable (scenario tls.server-floor-raised). Fix: remove tls.maxVersion.`, 'warning'));
  }
  return findings;
}

const credentialField = (p: ParsedProcessor) => (p.config.profile === 'stripe' ? at(p, 'credentials.secretKey') : at(p, 'credentials'));

/**
 * Live credentials pointed at a sandbox host or the reverse: per processor with the gateway's own
 * rule (the key says live/test, the host says sandbox/production), and across the config, because
 * api.stripe.com serves both modes: a Stripe test key in a config whose other processors use
 * production hosts (or a live key among sandbox hosts) is the same mistake.
 */
export function checkModes(processors: ParsedProcessor[]): Finding[] {
  const findings: Finding[] = [];
  const usable = processors.filter((p) => !p.repaired.has(credentialField(p)));
  for (const p of usable) {
    const mismatch = modeMismatch(p.config);
    if (mismatch) findings.push(finding(credentialField(p), 'AUTH_MODE_MISMATCH', `processors[${p.index}] (${p.config.name}): ${mismatch}`));
  }
  const hosts = (mode: 'live' | 'test') => processors.filter((p) => hostMode(p.config) === mode).map((p) => new URL(p.config.baseUrl).host);
  const live = hosts('live');
  const sandbox = hosts('test');
  const configMode = live.length && !sandbox.length ? 'live' : sandbox.length && !live.length ? 'test' : undefined;
  if (live.length && sandbox.length) {
    findings.push(finding('processors', 'AUTH_MODE_MISMATCH', `the config mixes production hosts (${live.join(', ')}) and sandbox hosts (${sandbox.join(', ')}). Fix: keep one environment per gateway config.`, 'warning'));
  }
  for (const p of usable) {
    const key = credentialMode(p.config);
    if (!configMode || !key || key === configMode || hostMode(p.config) !== undefined) continue;
    const others = configMode === 'live' ? live : sandbox;
    findings.push(finding(credentialField(p), 'AUTH_MODE_MISMATCH', `processors[${p.index}] (${p.config.name}) uses a ${key} key while the other processors use ${configMode === 'live' ? 'production' : 'sandbox'} hosts (${others.join(', ')}). Fix: use the ${configMode} key for this environment.`));
  }
  return findings;
}

/** The process environment the gateway would refuse to start in. */
export function checkEnvironment(env: NodeJS.ProcessEnv): Finding[] {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED !== '0') return [];
  return [finding('env NODE_TLS_REJECT_UNAUTHORIZED', 'CONFIG_INSECURE_TLS', 'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: it turns off certificate verification for the whole process. Fix: unset it; to trust a private CA, set the processor\'s tls.caFile.')];
}
