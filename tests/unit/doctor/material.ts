import type { ClientMaterial } from '../../../mocks/servers/client-material.ts';
import type { DoctorOptions } from '../../../cli/doctor/config.ts';

/** A scenario's gateway-side TLS material as doctor options (in-process). */
export function doctorOptions(url: string, c: ClientMaterial, timeoutMs: number): DoctorOptions {
  return {
    url,
    ca: c.ca ?? undefined,
    cert: c.cert ?? undefined,
    key: c.key ?? undefined,
    passphrase: c.passphrase ?? undefined,
    servername: c.servername,
    pins: c.pins,
    minVersion: c.minVersion,
    maxVersion: c.maxVersion,
    ciphers: c.ciphers ?? undefined,
    minKeyBits: c.minKeyBits,
    timeoutMs,
  };
}

export const PASSPHRASE_VAR = 'GATECHECK_DOCTOR_TEST_PASSPHRASE';

const version = (v: string) => v.replace('TLSv', '');

/** The same material as `gatecheck doctor` flags; a passphrase travels in PASSPHRASE_VAR. */
export function doctorArgs(url: string, c: ClientMaterial): { args: string[]; env: NodeJS.ProcessEnv } {
  const args = [url, '--servername', c.servername, '--min-tls', version(c.minVersion), '--max-tls', version(c.maxVersion), '--min-key-bits', String(c.minKeyBits)];
  if (c.ca) args.push('--ca', c.ca);
  if (c.cert) args.push('--cert', c.cert);
  if (c.key) args.push('--key', c.key);
  if (c.passphrase) args.push('--passphrase-env', PASSPHRASE_VAR);
  for (const pin of c.pins) args.push('--pin', pin);
  if (c.ciphers) args.push('--ciphers', c.ciphers);
  return { args, env: c.passphrase ? { [PASSPHRASE_VAR]: c.passphrase } : {} };
}
