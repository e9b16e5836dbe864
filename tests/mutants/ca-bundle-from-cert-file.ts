import { readFileSync } from 'node:fs';
import { loadTlsMaterial } from '../../gateway/index.ts';
import type { Mutant } from './mutant.ts';

export const caBundleFromCertFile: Mutant = {
  name: 'ca-bundle-from-cert-file',
  models: 'TLS material reloaded from the wrong file after a config refactor: the CA bundle is read from tls.certFile (the client certificate), so the processor\'s chain no longer verifies wherever mutual TLS is configured.',
  killedBy: ['mtls.good-client-cert'],
  parts: () => ({
    tlsMaterial: (processor, index, now) => {
      const loaded = loadTlsMaterial(processor, index, now);
      if (!processor.tls.certFile) return loaded;
      return { ...loaded, material: { ...loaded.material, ca: [readFileSync(processor.tls.certFile, 'utf8')] } };
    },
  }),
};
