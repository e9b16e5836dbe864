import type { X509Certificate as NodeX509 } from 'node:crypto';
import { x509 } from './x509.ts';

/** "EC P-256" or "RSA 2048": what the certificate's public key is. */
export function describeKey(cert: NodeX509): string {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') return `EC ${details.namedCurve === 'prime256v1' ? 'P-256' : details.namedCurve}`;
  if (key.asymmetricKeyType === 'rsa') return `RSA ${details.modulusLength}`;
  return String(key.asymmetricKeyType);
}

/** The signature algorithm in OpenSSL's words, e.g. "ecdsa-with-SHA256". */
export function describeSignature(pem: string): string {
  const alg = new x509.X509Certificate(pem).signatureAlgorithm as { name: string; hash?: { name: string } };
  const hash = (alg.hash?.name ?? 'unknown').replace('-', '');
  return alg.name === 'ECDSA' ? `ecdsa-with-${hash}` : `${hash.toLowerCase()}WithRSAEncryption`;
}
