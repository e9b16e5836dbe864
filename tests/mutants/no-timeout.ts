import { classifyError, loadTlsMaterial, tlsOptions, verifyPeer } from '../../gateway/index.ts';
import { processorClient } from '../../gateway/processors/index.ts';
import { ProcessorTransport } from '../../gateway/transport.ts';
import type { Mutant } from './mutant.ts';

/** setTimeout's largest delay (~24.8 days): for a caller, forever. */
const FOREVER_MS = 2 ** 31 - 1;

export const noTimeout: Mutant = {
  name: 'no-timeout',
  models: 'The processor client is built without timeouts (Node\'s default: none), so a processor that accepts and never answers holds every payment, and the caller, until the socket dies.',
  killedBy: ['network.latency-beyond-bound'],
  parts: () => ({
    processorClient: (config, deps) => {
      const { material } = loadTlsMaterial(config, 0, Date.now());
      const transport = new ProcessorTransport({
        baseUrl: config.baseUrl,
        tls: tlsOptions(config, material),
        bounds: { connectMs: FOREVER_MS, handshakeMs: FOREVER_MS, responseMs: FOREVER_MS },
        verifyPeer,
        policy: { minKeyBits: config.tls.minKeyBits, pins: config.tls.pins },
        classifyError,
        signal: new AbortController().signal,
      });
      return processorClient(config, { ...deps, send: (request) => transport.send(request) });
    },
  }),
};
