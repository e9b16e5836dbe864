import type { DeclarativeGateway } from '../../config/schema.ts';
import type { PaymentInput, RunningGateway, WebhookDelivery } from './driver.ts';
import { HarnessError } from './harness-error.ts';
import { httpCall, type HttpCall } from './http-call.ts';
import { readHealth } from './health-reading.ts';
import { codeMapper, locate } from './locate.ts';
import { countFailures, sumSamples } from './metrics-reading.ts';
import { paymentRequest } from './payment-request.ts';

/** The parts of a declarative gateway that describe its HTTP API. */
export type GatewayApi = Pick<DeclarativeGateway, 'payment' | 'errors' | 'health' | 'metrics' | 'webhooks'>;

export type ApiOptions = {
  url: string;
  logs: () => string;
  stop: () => Promise<void>;
  /** Bounds every call to the gateway: a hung gateway fails the test, it does not hang it. */
  timeoutMs?: number;
  /** Replaces `errors.map` with a function (a hand-written driver's own mapping). */
  mapCode?: (code: string) => string;
};

function webhookPath(webhooks: GatewayApi['webhooks'], processor: string): string {
  if (typeof webhooks === 'string') return webhooks.replaceAll('{processor}', encodeURIComponent(processor));
  const path = webhooks[processor];
  if (!path) throw new HarnessError('GATEWAY_WEBHOOK_PATH_MISSING', `no webhook path for processor "${processor}" (gateway.webhooks names ${Object.keys(webhooks).join(', ') || 'none'}). Fix: add "${processor}": "/its/path" to gateway.webhooks.`);
  return path;
}

/** A RunningGateway for any HTTP gateway described by a declarative config (the reference gateway's API is one such description). */
export function declarativeApi(api: GatewayApi, { url, logs, stop, timeoutMs = 15_000, mapCode = codeMapper(api.errors.map) }: ApiOptions): RunningGateway {
  const codeIn = (body: string) => {
    const code = locate(api.errors.code, body);
    return code ? mapCode(code) : null;
  };
  const call = (path: string, init: Omit<HttpCall, 'timeoutMs'> = {}) => httpCall(`${url}${path}`, { ...init, timeoutMs });
  const outcomeCounter = (counter: NonNullable<GatewayApi['metrics']['outcomeCounter']>) => async (outcome: 'succeeded' | 'declined' | 'failed') => {
    const value = outcome === 'declined' ? counter.declined : outcome;
    return sumSamples((await call(api.metrics.path)).body, counter.name, (labels) => labels[counter.label] === value);
  };
  return {
    async pay(payment: PaymentInput, idempotencyKey: string) {
      const request = paymentRequest(api.payment, payment, idempotencyKey);
      const started = performance.now();
      const { status, body } = await call(request.path, { method: request.method, headers: request.headers, body: request.body });
      const elapsedMs = performance.now() - started;
      const taken = api.payment.taken.includes(status);
      const code = taken ? null : codeIn(body) ?? (api.payment.declined.includes(status) ? 'PAYMENT_DECLINED' : null);
      return { status, taken, code, body, elapsedMs };
    },
    async health() {
      const { status, body } = await call(api.health.path);
      return { status, processors: readHealth(body, api.health, mapCode), raw: body };
    },
    async metricsText() {
      return (await call(api.metrics.path)).body;
    },
    async failureCount(code: string) {
      return countFailures((await call(api.metrics.path)).body, api.metrics.failureCounter, api.metrics.codeLabel, code, mapCode);
    },
    async failureTotal() {
      return sumSamples((await call(api.metrics.path)).body, api.metrics.failureCounter, () => true);
    },
    ...(api.metrics.outcomeCounter ? { outcomeCount: outcomeCounter(api.metrics.outcomeCounter) } : {}),
    async deliverWebhook(processor: string, delivery: WebhookDelivery) {
      const { status, body } = await call(webhookPath(api.webhooks, processor), { method: 'POST', headers: delivery.headers, body: delivery.body });
      return { status, body, code: status >= 300 ? codeIn(body) : null };
    },
    logs,
    stop,
  };
}
