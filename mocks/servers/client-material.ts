import { createHash, X509Certificate } from 'node:crypto';
import type { Pki } from '../pki/load.ts';
import type { GatewaySetup, TlsVersion } from '../scenarios/schema.ts';

/**
 * The gateway-side TLS material a scenario prescribes: what `serve --json` prints and what the
 * fixtures put into the gateway's processor config. Paths are absolute; unused fields are null.
 */
export type ClientMaterial = {
  ca: string | null;
  cert: string | null;
  key: string | null;
  passphrase: string | null;
  servername: string;
  pins: string[];
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
  ciphers: string | null;
  minKeyBits: number;
};

const WRONG_PASSPHRASE = 'not-the-passphrase';

/** `sha256/<base64>` of a certificate's SubjectPublicKeyInfo (the HPKP / curl pin format). */
export function spkiPin(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256/${createHash('sha256').update(spki).digest('base64')}`;
}

export function clientMaterial(setup: GatewaySetup, pki: Pki): ClientMaterial {
  const entry = setup.clientCert ? pki.entry(setup.clientCert) : null;
  const passphrase =
    setup.passphrase === 'correct' ? entry?.passphrase ?? null : setup.passphrase === 'wrong' ? WRONG_PASSPHRASE : null;
  return {
    ca: setup.caBundle ? pki.bundlePath(setup.caBundle) : null,
    cert: setup.clientCert ? pki.certPath(setup.clientCert) : null,
    key: setup.clientCert ? pki.keyPath(setup.clientCert) : null,
    passphrase,
    servername: setup.servername,
    pins: setup.pins.map((id) => spkiPin(pki.read(pki.certPath(id)))),
    minVersion: setup.minVersion,
    maxVersion: setup.maxVersion,
    ciphers: setup.ciphers,
    minKeyBits: setup.minKeyBits,
  };
}
