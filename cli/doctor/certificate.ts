import type { X509Certificate } from 'node:crypto';
import { spkiPin } from '../../gateway/index.ts';
import { signatureAlgorithmOid } from '../../gateway/tls/der.ts';

const DAY_MS = 86_400_000;

/** One certificate of a chain as the doctor prints it. */
export type ChainEntry = {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative: expired that many days ago). */
  daysToExpiry: number;
  /** "EC P-256", "RSA 2048". */
  key: string;
  /** "ecdsa-with-SHA256", "sha1WithRSAEncryption", or the OID when unknown. */
  signature: string;
  sans: string[];
  selfSigned: boolean;
  /** `sha256/<base64>` of the SubjectPublicKeyInfo: what tls.pins takes. */
  pin: string;
};

const SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSASignature',
  '1.2.840.10040.4.3': 'dsa-with-sha1',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
};

const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

export const oneLine = (name: string) => name.split('\n').join(', ');

export const daysUntil = (date: string, now: number) => Math.floor((Date.parse(date) - now) / DAY_MS);

function describeKey(cert: X509Certificate): string {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec': return `EC ${CURVES[details.namedCurve ?? ''] ?? details.namedCurve}`;
    case 'rsa': case 'rsa-pss': case 'dsa': return `${key.asymmetricKeyType.toUpperCase()} ${details.modulusLength}`;
    default: return String(key.asymmetricKeyType).toUpperCase();
  }
}

function describeSignature(cert: X509Certificate): string {
  try {
    const oid = signatureAlgorithmOid(cert.raw);
    return SIGNATURES[oid] ?? oid;
  } catch {
    return 'unparseable';
  }
}

/** "DNS:localhost, IP Address:127.0.0.1" -> ["localhost", "127.0.0.1"]. */
function sans(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '').split(/,\s*/).filter(Boolean).map((s) => s.replace(/^[^:]+:/, ''));
}

export function describeCertificate(cert: X509Certificate, now: number): ChainEntry {
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    daysToExpiry: daysUntil(cert.validTo, now),
    key: describeKey(cert),
    signature: describeSignature(cert),
    sans: sans(cert),
    selfSigned: cert.subject === cert.issuer && cert.checkIssued(cert),
    pin: spkiPin(cert),
  };
}

/** Whether the leaf names `host` (DNS or IP SAN, Node's own matching rules). */
export function namesHost(leaf: X509Certificate, host: string): boolean {
  return /^[\d.]+$|:/.test(host) ? leaf.checkIP(host) !== undefined : leaf.checkHost(host) !== undefined;
}
