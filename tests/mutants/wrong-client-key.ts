import { generateKeyPairSync } from 'node:crypto';
import { tlsOptions } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const wrongClientKey: Mutant = {
  name: 'wrong-client-key',
  models: 'After a certificate renewal the new certificate is deployed but the TLS client still uses the previous private key from the secret store: the boot check read the right files, the connection uses another key.',
  killedBy: ['mtls.good-client-cert'],
  parts: () => {
    const staleKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    return {
      tlsOptions: (processor, material) => {
        const options = tlsOptions(processor, material);
        return options.cert ? { ...options, key: staleKey, passphrase: undefined } : options;
      },
    };
  },
};
