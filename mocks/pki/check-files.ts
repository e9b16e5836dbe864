import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ManifestEntry } from './manifest.ts';

/**
 * File-level checks of the generated PKI: a key file that parses (with its passphrase) and
 * belongs to its certificate, a chain or bundle file that holds exactly the certificates the
 * manifest says. Each returns null when fine, else one sentence naming the problem.
 */

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM file, parsed; throws with the index of the first bad one. */
export function readPemCertificates(file: string): X509Certificate[] {
  const text = readFileSync(file, 'utf8');
  const blocks = text.match(PEM_CERT) ?? [];
  const begins = text.split('-----BEGIN CERTIFICATE-----').length - 1;
  if (begins !== blocks.length) throw new Error(`holds ${begins} BEGIN CERTIFICATE marker(s) but only ${blocks.length} complete certificate(s) (truncated?)`);
  return blocks.map((pem, i) => {
    try {
      return new X509Certificate(pem);
    } catch (error) {
      throw new Error(`certificate ${i + 1} does not parse (${(error as Error).message})`);
    }
  });
}

export function keyProblem(file: string, entry: ManifestEntry, cert: X509Certificate): string | null {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (error) {
    return `key file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  if (text.length === 0) return `key file ${file} is empty`;
  let publicDer: Buffer;
  try {
    const key = createPrivateKey({ key: text, format: 'pem', ...(entry.passphrase ? { passphrase: entry.passphrase } : {}) });
    publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' });
  } catch (error) {
    return `key file ${file} is not a usable private key${entry.passphrase ? ' with its passphrase' : ''} (${(error as Error).message})`;
  }
  const matches = publicDer.equals(cert.publicKey.export({ type: 'spki', format: 'der' }));
  if (entry.keyMatchesCert && !matches) return `key file ${file} does not belong to its certificate`;
  if (!entry.keyMatchesCert && matches) return `key file ${file} matches its certificate, but the manifest says it is a deliberate mismatch`;
  return null;
}

/** A PEM file must hold exactly these certificates (by SHA-256 fingerprint), in this order. */
export function pemSetProblem(file: string, what: string, expected: string[]): string | null {
  let certs: X509Certificate[];
  try {
    certs = readPemCertificates(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${what} ${file} ${code ? `cannot be read (${code})` : (error as Error).message}`;
  }
  const got = certs.map((c) => c.fingerprint256);
  if (got.length !== expected.length || got.some((f, i) => f !== expected[i])) {
    return `${what} ${file} holds ${got.length} certificate(s), not the ${expected.length} the manifest lists (a partial or mixed set)`;
  }
  return null;
}
