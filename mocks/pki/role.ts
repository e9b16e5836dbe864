import { z } from 'zod';

/** What a certificate is for in the test PKI (the manifest records it; the specs set it). */
export const CertRole = z.enum(['root', 'intermediate', 'server', 'client']);
export type CertRole = z.infer<typeof CertRole>;
