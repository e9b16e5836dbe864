import { metricsRegistry, type MetricsRegistry } from '../../gateway/index.ts';
import type { GatewayParts } from '../../gateway/index.ts';

/** The reference registry with some of its methods replaced; the rest delegate. */
export function wrappedMetrics(change: (inner: MetricsRegistry) => Partial<MetricsRegistry>): GatewayParts['metrics'] {
  return () => {
    const inner = metricsRegistry();
    const replaced = change(inner);
    return {
      request: replaced.request ?? ((p, o, s) => inner.request(p, o, s)),
      failure: replaced.failure ?? ((p, c) => inner.failure(p, c)),
      handshakeFailure: replaced.handshakeFailure ?? ((p, r) => inner.handshakeFailure(p, r)),
      certificateExpiry: replaced.certificateExpiry ?? ((p, k, d) => inner.certificateExpiry(p, k, d)),
      text: replaced.text ?? (() => inner.text()),
    };
  };
}
