import { z } from 'zod';
import { CertRole } from './role.ts';

/** certs/manifest.json: the certificate inventory PCI DSS v4.0 4.2.1.1 asks for. */
export const ManifestEntry = z.object({
  id: z.string(),
  role: CertRole,
  issuer: z.string().nullable(),
  cert: z.string(),
  key: z.string(),
  chain: z.string().nullable(),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  keyType: z.string(),
  signature: z.string(),
  sans: z.array(z.string()),
  extKeyUsage: z.array(z.string()),
  fingerprint256: z.string(),
  meantToBeValid: z.boolean(),
  passphrase: z.string().nullable(),
  keyMatchesCert: z.boolean(),
  purpose: z.string(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({
  generatedAt: z.iso.datetime(),
  certs: z.array(ManifestEntry),
  bundles: z.array(z.object({ id: z.string(), file: z.string(), certs: z.array(z.string()), purpose: z.string() })),
});
export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_FILE = 'manifest.json';
