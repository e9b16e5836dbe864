import { tlsOptions } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const hostnameUnchecked: Mutant = {
  name: 'hostname-unchecked',
  models: 'A checkServerIdentity that returns undefined, added to reach a processor by IP address: any trusted certificate for any host is accepted.',
  killedBy: ['tls.wrong-host'],
  parts: () => ({ tlsOptions: (processor, material) => ({ ...tlsOptions(processor, material), checkServerIdentity: () => undefined }) }),
};
