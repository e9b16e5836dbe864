import { loadTlsMaterial, type TlsMaterial } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const clientCertForEveryProcessor: Mutant = {
  name: 'client-cert-for-every-processor',
  models: 'The client certificate is loaded once, from the first processor that has one, and reused for every processor (a process-wide TLS context): another processor receives the mutual-TLS certificate meant for Visa.',
  killedBy: ['failover.client-cert-isolation'],
  parts: () => {
    let cached: TlsMaterial | undefined;
    return {
      tlsMaterial: (processor, index, now) => {
        if (index === 0) cached = undefined;
        const loaded = loadTlsMaterial(processor, index, now);
        if (loaded.material.cert) cached ??= loaded.material;
        else if (cached) return { ...loaded, material: { ...loaded.material, cert: cached.cert, key: cached.key, passphrase: cached.passphrase, clientCert: cached.clientCert } };
        return loaded;
      },
    };
  },
};
