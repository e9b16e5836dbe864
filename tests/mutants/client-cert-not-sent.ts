import { tlsOptions } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const clientCertNotSent: Mutant = {
  name: 'client-cert-not-sent',
  models: 'The client certificate and key are loaded and checked at boot but not passed to the TLS client (an options object rebuilt without cert/key): the processor never sees a certificate.',
  killedBy: ['mtls.good-client-cert'],
  parts: () => ({
    tlsOptions: (processor, material) => {
      const { cert: _cert, key: _key, passphrase: _passphrase, ...rest } = tlsOptions(processor, material);
      return rest;
    },
  }),
};
