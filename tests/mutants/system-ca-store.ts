import { tlsOptions } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const systemCaStore: Mutant = {
  name: 'system-ca-store',
  models: 'The configured tls.caFile is read and checked at boot but never handed to the TLS client, which falls back to the runtime\'s bundled roots (a refactor dropped the `ca` option).',
  killedBy: ['tls.good-chain'],
  parts: () => ({ tlsOptions: (processor, material) => ({ ...tlsOptions(processor, material), ca: undefined }) }),
};
