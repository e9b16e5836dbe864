import type { PaymentInput, ProcessorHealth, RunningGateway, WebhookDelivery } from './driver.ts';

type HttpGatewayOptions = {
  url: string;
  logs: () => string;
  stop: () => Promise<void>;
  /** Maps the gateway's own error code to gatecheck's; identity for the reference gateway. */
  mapCode?: (code: string) => string;
  /** Bounds every call to the gateway: a hung gateway fails the test, it does not hang it. */
  timeoutMs?: number;
};

const codeOf = (body: string): string | null => {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : null;
  } catch {
    return null;
  }
};

/** Sums a Prometheus counter's series whose labels pass `keep`. */
function sumSeries(text: string, metric: string, keep: (labels: string) => boolean): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${metric}(?:\\{([^}]*)\\})?\\s+([0-9.e+]+)$`).exec(line);
    if (match && keep(match[1] ?? '')) total += Number(match[2]);
  }
  return total;
}

/** A RunningGateway for anything that speaks the reference gateway's HTTP API. */
export function httpGateway({ url, logs, stop, mapCode = (c) => c, timeoutMs = 15_000 }: HttpGatewayOptions): RunningGateway {
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  };
  return {
    async pay(payment: PaymentInput, idempotencyKey: string) {
      const started = performance.now();
      const { status, body } = await call('/v1/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(payment),
      });
      const code = status >= 300 ? codeOf(body) : null;
      return { status, body, code: code && mapCode(code), elapsedMs: performance.now() - started };
    },
    async health() {
      const { status, body } = await call('/health');
      const parsed = JSON.parse(body) as { processors?: { name: string; state: ProcessorHealth['state']; lastErrorCode: string | null }[] };
      const processors = (parsed.processors ?? []).map((p) => ({ name: p.name, state: p.state, code: p.lastErrorCode && mapCode(p.lastErrorCode) }));
      return { status, processors, raw: body };
    },
    async metricsText() {
      return (await call('/metrics')).body;
    },
    async failureCount(code: string) {
      const text = (await call('/metrics')).body;
      let total = 0;
      for (const line of text.split('\n')) {
        const match = /^gateway_processor_failures_total\{([^}]*)\}\s+([0-9.e+]+)$/.exec(line);
        const labelCode = match && /code="([^"]*)"/.exec(match[1]!)?.[1];
        if (match && labelCode && mapCode(labelCode) === code) total += Number(match[2]);
      }
      return total;
    },
    async failureTotal() {
      return sumSeries((await call('/metrics')).body, 'gateway_processor_failures_total', () => true);
    },
    async outcomeCount(outcome) {
      return sumSeries((await call('/metrics')).body, 'gateway_processor_requests_total', (labels) => labels.includes(`outcome="${outcome}"`));
    },
    async deliverWebhook(processor: string, delivery: WebhookDelivery) {
      const { status, body } = await call(`/webhooks/${encodeURIComponent(processor)}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      const code = status >= 300 ? codeOf(body) : null;
      return { status, body, code: code && mapCode(code) };
    },
    logs,
    stop,
  };
}
