/** A small Prometheus text-format registry: the gateway's counters, one histogram and gauges. */
type Labels = Record<string, string>;

const BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

class Family<T> {
  readonly series = new Map<string, { labels: Labels; value: T }>();
  constructor(readonly name: string, readonly help: string, readonly type: 'counter' | 'gauge' | 'histogram', private readonly init: () => T) {}
  get(labels: Labels): T {
    const key = keyOf(labels);
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { labels, value: this.init() }));
    return entry.value;
  }
}

type Histogram = { buckets: number[]; sum: number; count: number };

/** What the gateway records; GET /metrics serves `text()`. A construction seam (GatewayParts.metrics). */
export interface MetricsRegistry {
  /** One processor request and how it ended: a charge, a business decline, or a failure. */
  request(processor: string, outcome: 'succeeded' | 'declined' | 'failed', seconds: number): void;
  failure(processor: string, code: string): void;
  handshakeFailure(processor: string, reason: string): void;
  certificateExpiry(processor: string, kind: 'server' | 'client', days: number): void;
  /** The Prometheus text exposition. */
  text(): string;
}

/** Builds the registry for one gateway. */
export type MetricsPart = () => MetricsRegistry;

export class GatewayMetrics implements MetricsRegistry {
  private readonly requests = new Family<{ n: number }>('gateway_processor_requests_total', 'Processor requests by outcome (succeeded, declined, failed).', 'counter', () => ({ n: 0 }));
  private readonly failures = new Family<{ n: number }>('gateway_processor_failures_total', 'Failed processor requests by error code.', 'counter', () => ({ n: 0 }));
  private readonly handshakes = new Family<{ n: number }>('gateway_tls_handshake_failures_total', 'TLS handshake failures (payments and probes) by reason (the error code).', 'counter', () => ({ n: 0 }));
  private readonly duration = new Family<Histogram>('gateway_processor_request_duration_seconds', 'Duration of processor requests, connection included.', 'histogram', () => ({ buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
  private readonly expiry = new Family<{ n: number }>('gateway_certificate_expiry_days', 'Days until the processor (server) or gateway (client) certificate expires.', 'gauge', () => ({ n: 0 }));

  request(processor: string, outcome: 'succeeded' | 'declined' | 'failed', seconds: number): void {
    this.requests.get({ processor, outcome }).n++;
    const h = this.duration.get({ processor });
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) h.buckets[i]!++;
    });
    h.sum += seconds;
    h.count++;
  }

  failure(processor: string, code: string): void {
    this.failures.get({ processor, code }).n++;
  }

  handshakeFailure(processor: string, reason: string): void {
    this.handshakes.get({ processor, reason }).n++;
  }

  certificateExpiry(processor: string, kind: 'server' | 'client', days: number): void {
    this.expiry.get({ processor, kind }).n = days;
  }

  text(): string {
    const out: string[] = [];
    for (const family of [this.requests, this.failures, this.handshakes, this.expiry] as Family<{ n: number }>[]) {
      out.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      for (const { labels, value } of family.series.values()) out.push(`${family.name}${labelText(labels)} ${value.n}`);
    }
    const h = this.duration;
    out.push(`# HELP ${h.name} ${h.help}`, `# TYPE ${h.name} histogram`);
    for (const { labels, value } of h.series.values()) {
      BUCKETS.forEach((le, i) => out.push(`${h.name}_bucket${labelText({ ...labels, le: String(le) })} ${value.buckets[i]}`));
      out.push(`${h.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${value.count}`);
      out.push(`${h.name}_sum${labelText(labels)} ${value.sum}`);
      out.push(`${h.name}_count${labelText(labels)} ${value.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}

export const metricsRegistry: MetricsPart = () => new GatewayMetrics();
