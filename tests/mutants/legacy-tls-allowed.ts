import { tlsOptions } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const legacyTlsAllowed: Mutant = {
  name: 'legacy-tls-allowed',
  models: 'A "compatibility" TLS setting copied from an old answer (minVersion TLSv1, @SECLEVEL=0): the gateway talks TLS 1.0 to a downgraded endpoint, which PCI DSS 4.2.1 forbids.',
  killedBy: ['tls.legacy-tls10-only'],
  parts: () => ({ tlsOptions: (processor, material) => ({ ...tlsOptions(processor, material), minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }) }),
};
