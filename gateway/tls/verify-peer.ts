import { createHash, type X509Certificate } from 'node:crypto';
import type { GatewayCode } from '../errors.ts';
import { describeSubject } from './material.ts';
import { signatureAlgorithmOid, WEAK_SIGNATURE_OIDS } from './der.ts';

/** The gateway's own policy on a verified chain: what Node accepts but a payment gateway must not. */
export type PeerPolicy = { minKeyBits: number; pins: readonly string[] | undefined };
export type PeerVerdict = { code: GatewayCode; message: string } | null;
export type VerifyPeer = (chain: readonly X509Certificate[], policy: PeerPolicy) => PeerVerdict;

const STRONG_CURVES = new Set(['prime256v1', 'secp256r1', 'secp384r1', 'secp521r1', 'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1']);

/** `sha256/<base64>` of the certificate's SubjectPublicKeyInfo (the HPKP / curl pin format). */
export function spkiPin(cert: X509Certificate): string {
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return `sha256/${createHash('sha256').update(spki).digest('base64')}`;
}

function keyProblem(cert: X509Certificate, minKeyBits: number): string | null {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
    case 'dsa':
      return (details.modulusLength ?? 0) < minKeyBits ? `${key.asymmetricKeyType.toUpperCase()}-${details.modulusLength} key (policy: at least ${minKeyBits} bits)` : null;
    case 'ec':
      return STRONG_CURVES.has(details.namedCurve ?? '') ? null : `EC key on curve ${details.namedCurve} (policy: P-256 or stronger)`;
    default:
      return null;
  }
}

const isSelfSigned = (cert: X509Certificate) => cert.subject === cert.issuer && cert.checkIssued(cert);

/**
 * Key size, signature digest and SPKI pins over the whole chain (leaf first, trust anchor last).
 * Runs after Node's own chain and hostname verification and before any request byte is written.
 */
export const verifyPeer: VerifyPeer = (chain, policy) => {
  for (const cert of chain) {
    if (isSelfSigned(cert)) continue; // a trust anchor's self-signature carries no trust
    let oid: string;
    try {
      oid = signatureAlgorithmOid(cert.raw);
    } catch {
      return { code: 'TLS_HANDSHAKE_FAILED', message: `certificate "${describeSubject(cert)}" cannot be parsed` };
    }
    const weak = WEAK_SIGNATURE_OIDS[oid];
    if (weak) return { code: 'TLS_WEAK_SIGNATURE', message: `certificate "${describeSubject(cert)}" is signed with ${weak}` };
  }
  for (const cert of chain) {
    const problem = keyProblem(cert, policy.minKeyBits);
    if (problem) return { code: 'TLS_WEAK_KEY', message: `certificate "${describeSubject(cert)}" has an ${problem}` };
  }
  if (policy.pins && policy.pins.length > 0) {
    const seen = chain.map(spkiPin);
    if (!seen.some((pin) => policy.pins!.includes(pin))) {
      return { code: 'TLS_PIN_MISMATCH', message: `no certificate in the chain matches the configured pins (chain pins: ${seen.join(', ')})` };
    }
  }
  return null;
};
