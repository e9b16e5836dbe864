import { tlsOptions } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const verificationOff: Mutant = {
  name: 'verification-off',
  models: 'rejectUnauthorized: false, the "make the certificate error go away" fix pasted from a forum answer during an outage.',
  killedBy: ['tls.expired-leaf', 'tls.untrusted-root'],
  parts: () => ({ tlsOptions: (processor, material) => ({ ...tlsOptions(processor, material), rejectUnauthorized: false }) }),
};
