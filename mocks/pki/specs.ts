import { z } from 'zod';
import { CertRole } from './role.ts';

/**
 * The test PKI as data. One entry per certificate; the generator, the manifest, the loader and
 * the PKI tests all read this list. Validity is relative to the moment of generation.
 */
export const KeySpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ec'), curve: z.literal('P-256') }),
  z.object({ type: z.literal('rsa'), bits: z.number().int().min(512) }),
]);
export type KeySpec = z.infer<typeof KeySpec>;

export const CertSpec = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
  role: CertRole,
  commonName: z.string().min(1),
  /** Id of the issuing CA; null for a self-signed certificate. */
  issuer: z.string().nullable(),
  key: KeySpec.default({ type: 'ec', curve: 'P-256' }),
  /** Sign with the key of another spec (a cross-sign re-uses the subject's existing key). */
  sameKeyAs: z.string().optional(),
  /** Days from now: negative is the past. */
  notBeforeDays: z.number().default(-1),
  notAfterDays: z.number().default(365),
  sans: z.array(z.string()).default([]),
  extKeyUsage: z.array(z.enum(['serverAuth', 'clientAuth'])).default([]),
  signatureHash: z.enum(['SHA-256', 'SHA-1']).default('SHA-256'),
  /** Write a key file that does NOT belong to the certificate (a cert/key mismatch). */
  mismatchedKey: z.boolean().default(false),
  /** Encrypt the key file with this passphrase (PKCS#8, AES-256-CBC). */
  passphrase: z.string().optional(),
  /** Intermediates served after this certificate, in order; default: walk the issuers up to the root. */
  servedChain: z.array(z.string()).optional(),
  /** False for certificates that are broken on purpose (expired, not yet valid). */
  meantToBeValid: z.boolean().default(true),
  purpose: z.string().min(1),
});
export type CertSpec = z.infer<typeof CertSpec>;
export type CertSpecInput = z.input<typeof CertSpec>;

export const BundleSpec = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  certs: z.array(z.string()).min(1),
  purpose: z.string().min(1),
});
export type BundleSpec = z.infer<typeof BundleSpec>;

export const LOOPBACK_SANS = ['localhost', '127.0.0.1', '::1'];
export const CLIENT_KEY_PASSPHRASE = 'gatecheck-test-passphrase';

const specs: CertSpecInput[] = [
  // The processor PKI a correctly configured gateway trusts.
  { id: 'root-ca', role: 'root', commonName: 'gatecheck Test Root CA', issuer: null, notBeforeDays: -30, notAfterDays: 3650, purpose: 'Trusted root of the processor PKI: the CA bundle a correct gateway is given.' },
  { id: 'intermediate-ca', role: 'intermediate', commonName: 'gatecheck Test Issuing CA 1', issuer: 'root-ca', notBeforeDays: -30, notAfterDays: 1825, purpose: 'Intermediate CA that issues every processor leaf under root-ca.' },
  { id: 'server-good', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], purpose: 'Valid processor leaf for localhost, 127.0.0.1 and ::1; served with its intermediate.' },
  { id: 'server-expired', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], notBeforeDays: -400, notAfterDays: -10, meantToBeValid: false, purpose: 'Processor leaf that expired 10 days ago.' },
  { id: 'server-not-yet-valid', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], notBeforeDays: 10, notAfterDays: 400, meantToBeValid: false, purpose: 'Processor leaf valid only from 10 days in the future (clock skew, early deploy).' },
  { id: 'server-wrong-host', role: 'server', commonName: 'api.other-processor.test', issuer: 'intermediate-ca', sans: ['api.other-processor.test'], extKeyUsage: ['serverAuth'], purpose: 'Processor leaf for another host name: the SAN does not match localhost or 127.0.0.1.' },
  { id: 'server-self-signed', role: 'server', commonName: 'localhost', issuer: null, sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], purpose: 'Self-signed processor leaf, as a forgotten dev certificate.' },
  { id: 'server-client-eku', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', sans: LOOPBACK_SANS, extKeyUsage: ['clientAuth'], purpose: 'Processor leaf whose extended key usage is clientAuth only: not valid for a TLS server.' },
  { id: 'server-sha1', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], signatureHash: 'SHA-1', purpose: 'Processor leaf signed with SHA-1 (the pre-2016 PayPal / Authorize.net chains).' },
  { id: 'server-rsa1024', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', key: { type: 'rsa', bits: 1024 }, sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], purpose: 'Processor leaf with an RSA-1024 key: Node accepts it, PCI DSS 4.2.1 does not.' },
  { id: 'server-rotated', role: 'server', commonName: 'localhost', issuer: 'intermediate-ca', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], purpose: 'Renewed processor leaf: same names and issuer as server-good, new key (breaks leaf pins).' },

  // A second, untrusted PKI (an interception proxy or an attacker).
  { id: 'rogue-root', role: 'root', commonName: 'gatecheck Rogue Root CA', issuer: null, notBeforeDays: -30, notAfterDays: 3650, purpose: 'Root nobody trusts: issues the untrusted chain and the wrong-CA client certificate.' },
  { id: 'rogue-intermediate', role: 'intermediate', commonName: 'gatecheck Rogue Issuing CA', issuer: 'rogue-root', notBeforeDays: -30, notAfterDays: 1825, purpose: 'Intermediate under rogue-root.' },
  { id: 'server-untrusted', role: 'server', commonName: 'localhost', issuer: 'rogue-intermediate', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], purpose: 'Processor leaf chained to rogue-root, which the gateway does not trust.' },

  // CA migration: the processor moves to a new root (PayPal 2018 DigiCert, Braintree 2020/2024, Entrust distrust 2024).
  { id: 'next-root', role: 'root', commonName: 'gatecheck Next Root CA', issuer: null, notBeforeDays: -30, notAfterDays: 3650, purpose: 'The root a processor migrates to; a stale gateway bundle lacks it.' },
  { id: 'next-intermediate', role: 'intermediate', commonName: 'gatecheck Next Issuing CA', issuer: 'next-root', notBeforeDays: -30, notAfterDays: 1825, purpose: 'Intermediate under next-root.' },
  { id: 'server-next', role: 'server', commonName: 'localhost', issuer: 'next-intermediate', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], purpose: 'Processor leaf after the CA migration, chained to next-root.' },

  // Expired cross-sign: the 30 Sep 2021 DST Root CA X3 shape.
  { id: 'old-root', role: 'root', commonName: 'gatecheck Old Root CA X3', issuer: null, notBeforeDays: -3650, notAfterDays: -30, meantToBeValid: false, purpose: 'Old root that expired 30 days ago (DST Root CA X3 shape).' },
  { id: 'modern-root', role: 'root', commonName: 'gatecheck Modern Root X1', issuer: null, notBeforeDays: -1000, notAfterDays: 3650, purpose: 'Current self-signed root (ISRG Root X1 shape); a gateway with only old-root lacks it.' },
  { id: 'modern-root-cross', role: 'intermediate', commonName: 'gatecheck Modern Root X1', issuer: 'old-root', sameKeyAs: 'modern-root', notBeforeDays: -1000, notAfterDays: 1000, purpose: 'modern-root cross-signed by the expired old-root, served in the chain for old clients.' },
  { id: 'modern-intermediate', role: 'intermediate', commonName: 'gatecheck Modern Issuing CA R3', issuer: 'modern-root', notBeforeDays: -30, notAfterDays: 1825, purpose: 'Issuing CA under modern-root (Let\'s Encrypt R3 shape).' },
  { id: 'server-cross', role: 'server', commonName: 'localhost', issuer: 'modern-intermediate', sans: LOOPBACK_SANS, extKeyUsage: ['serverAuth'], servedChain: ['modern-intermediate', 'modern-root-cross'], purpose: 'Processor leaf served with modern-intermediate and the old-root cross-sign.' },

  // Client certificates for mutual TLS (Visa-style two-way TLS).
  { id: 'client-ca', role: 'root', commonName: 'gatecheck Client CA', issuer: null, notBeforeDays: -30, notAfterDays: 3650, purpose: 'CA the mock processor trusts for client certificates.' },
  { id: 'client-good', role: 'client', commonName: 'gateway.merchant.test', issuer: 'client-ca', extKeyUsage: ['clientAuth'], purpose: 'Valid gateway client certificate (clientAuth) with its key.' },
  { id: 'client-expired', role: 'client', commonName: 'gateway.merchant.test', issuer: 'client-ca', extKeyUsage: ['clientAuth'], notBeforeDays: -400, notAfterDays: -5, meantToBeValid: false, purpose: 'Gateway client certificate that expired 5 days ago.' },
  { id: 'client-untrusted', role: 'client', commonName: 'gateway.merchant.test', issuer: 'rogue-intermediate', extKeyUsage: ['clientAuth'], purpose: 'Gateway client certificate from a CA the processor does not trust.' },
  { id: 'client-server-eku', role: 'client', commonName: 'gateway.merchant.test', issuer: 'client-ca', extKeyUsage: ['serverAuth'], purpose: 'Gateway client certificate whose EKU is serverAuth only.' },
  { id: 'client-mismatch', role: 'client', commonName: 'gateway.merchant.test', issuer: 'client-ca', extKeyUsage: ['clientAuth'], mismatchedKey: true, purpose: 'Client certificate shipped with a key that is not its own (ERR_OSSL_X509_KEY_VALUES_MISMATCH).' },
  { id: 'client-encrypted', role: 'client', commonName: 'gateway.merchant.test', issuer: 'client-ca', extKeyUsage: ['clientAuth'], passphrase: CLIENT_KEY_PASSPHRASE, purpose: `Client certificate whose key is encrypted with the passphrase "${CLIENT_KEY_PASSPHRASE}".` },
];

const bundles: z.input<typeof BundleSpec>[] = [
  { id: 'trust-current', certs: ['root-ca'], purpose: 'A correct gateway bundle: the processor root only.' },
  { id: 'trust-current-and-next', certs: ['root-ca', 'next-root'], purpose: 'A bundle ready for the CA migration: old and next root.' },
  { id: 'trust-old-root-only', certs: ['old-root'], purpose: 'A stale bundle with only the expired old root (2021 DST Root CA X3 outage).' },
  { id: 'trust-modern-root', certs: ['modern-root'], purpose: 'An up-to-date bundle with the modern root.' },
  { id: 'trust-rogue', certs: ['rogue-root'], purpose: 'The wrong bundle: the rogue root instead of the processor root.' },
  { id: 'trust-client-ca', certs: ['client-ca'], purpose: 'What the mock processor trusts for client certificates.' },
];

export const certSpecs: CertSpec[] = z.array(CertSpec).parse(specs);
export const bundleSpecs: BundleSpec[] = z.array(BundleSpec).parse(bundles);

export function certSpec(id: string): CertSpec {
  const spec = certSpecs.find((s) => s.id === id);
  if (!spec) throw new Error(`gatecheck: no certificate spec "${id}" in mocks/pki/specs.ts`);
  return spec;
}
