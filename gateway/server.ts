import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { GatewayCode } from './errors.ts';
import { processPayment } from './payments.ts';
import { ISO_4217 } from './currencies.ts';
import { passesLuhn } from './luhn.ts';
import { probe, type ProcessorRuntime, type Shared } from './runtime.ts';

const MAX_BODY = 1024 * 1024;

const PaymentBody = z.object({
  amount: z.number().int().positive().max(1e12),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as "EUR"').transform((c) => c.toUpperCase())
    .refine((c) => ISO_4217.has(c), 'not an ISO 4217 currency code (e.g. "EUR", "USD")'),
  source: z.string().regex(/^\d{12,19}$/, 'a card number: 12 to 19 digits').refine(passesLuhn, 'not a valid card number (fails the Luhn check)'),
  reference: z.string().min(1).max(80),
});
const IdempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

class HttpError extends Error {
  constructor(readonly status: number, readonly code: GatewayCode, message: string) {
    super(message);
  }
}

/** A body over the limit is read to its end (up to DRAIN_LIMIT) and then refused with 413, so the caller gets the answer, not a reset. */
const DRAIN_LIMIT = 16 * MAX_BODY;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) return void req.destroy();
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new HttpError(413, 'INVALID_REQUEST', `request body larger than ${MAX_BODY} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export type Router = {
  handle(req: IncomingMessage, res: ServerResponse): void;
  probeAll(): Promise<void>;
};

export function createRouter(runtimes: ProcessorRuntime[], shared: Shared): Router {
  const { parts, logger, redactor, metrics, health } = shared;

  const sendError = (res: ServerResponse, code: GatewayCode, message: string, processor: string | null, status?: number) => {
    const presented = parts.presentError({ code, message: redactor.text(message), processor });
    send(res, status ?? presented.status, redactor.value(presented.body));
  };

  const probeAll = async () => {
    await Promise.all(runtimes.map((r) => probe(r, shared)));
  };

  async function payments(req: IncomingMessage, res: ServerResponse) {
    const rawKey = req.headers['idempotency-key'];
    const key = IdempotencyKey.safeParse(Array.isArray(rawKey) ? rawKey[0] : rawKey);
    if (!key.success) throw new HttpError(400, 'INVALID_REQUEST', `the Idempotency-Key header is required (${key.error.issues[0]?.message})`);
    let json: unknown;
    try {
      json = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'INVALID_REQUEST', 'the body is not JSON');
    }
    const body = PaymentBody.safeParse(json);
    if (!body.success) {
      throw new HttpError(400, 'INVALID_REQUEST', `invalid payment: ${body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    }
    const result = await processPayment(runtimes, shared, body.data, key.data);
    if (result.kind === 'succeeded') {
      send(res, 201, { id: result.id, status: 'succeeded', processor: result.processor, processorReference: result.processorReference });
    } else if (result.kind === 'declined') {
      sendError(res, 'PAYMENT_DECLINED', result.reason, result.processor);
    } else {
      sendError(res, result.failure.code, result.failure.message, result.processor);
    }
  }

  async function healthRoute(url: URL, res: ServerResponse) {
    if (url.searchParams.get('probe') === 'true') await probeAll();
    const report = health.report();
    send(res, report.status === 'ok' ? 200 : 503, report);
  }

  function metricsRoute(res: ServerResponse) {
    for (const p of health.report().processors) {
      if (p.certificate) metrics.certificateExpiry(p.name, 'server', p.certificate.daysUntilExpiry);
      if (p.clientCertificate) metrics.certificateExpiry(p.name, 'client', p.clientCertificate.daysUntilExpiry);
    }
    send(res, 200, metrics.text(), 'text/plain; version=0.0.4; charset=utf-8');
  }

  async function webhook(name: string, req: IncomingMessage, res: ServerResponse) {
    const runtime = runtimes.find((r) => r.config.name === name);
    if (!runtime?.webhook) throw new HttpError(404, 'INVALID_REQUEST', `no webhook endpoint for processor "${name}"`);
    const rawBody = await readBody(req);
    const now = parts.clock.now();
    const verdict = runtime.webhook({ headers: req.headers, rawBody, now });
    if (!verdict.ok) {
      logger.warn(`webhook rejected: ${verdict.message}`, { code: verdict.code, processor: name });
      return sendError(res, verdict.code, verdict.message, name);
    }
    const replayed = verdict.replayKeys.find((k) => runtime.replays.has(k));
    if (replayed) {
      logger.warn(`webhook rejected: event ${replayed} was already accepted`, { code: 'WEBHOOK_REPLAYED', processor: name });
      return sendError(res, 'WEBHOOK_REPLAYED', `event ${replayed} was already accepted`, name);
    }
    for (const k of verdict.replayKeys) runtime.replays.add(k, now);
    logger.info('webhook accepted', { processor: name, events: verdict.replayKeys });
    send(res, 200, verdict.reply.body, verdict.reply.contentType);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    const hook = /^\/webhooks\/([^/]+)\/?$/.exec(url.pathname);
    if (url.pathname === '/v1/payments') {
      if (method !== 'POST') throw new HttpError(405, 'INVALID_REQUEST', 'use POST /v1/payments');
      return payments(req, res);
    }
    if ((url.pathname === '/health' || url.pathname === '/metrics') && method !== 'GET' && method !== 'HEAD') {
      throw new HttpError(405, 'INVALID_REQUEST', `use GET ${url.pathname}`);
    }
    if (url.pathname === '/health') return healthRoute(url, res);
    if (url.pathname === '/metrics') return metricsRoute(res);
    if (hook) {
      if (method !== 'POST') throw new HttpError(405, 'INVALID_REQUEST', 'use POST for webhooks');
      return webhook(decodeURIComponent(hook[1]!), req, res);
    }
    throw new HttpError(404, 'INVALID_REQUEST', `no route ${method} ${url.pathname}`);
  }

  return {
    probeAll,
    handle(req, res) {
      route(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (error instanceof HttpError) {
          logger.info(`request refused: ${error.message}`, { code: error.code, status: error.status, path: req.url });
          return sendError(res, error.code, error.message, null, error.status);
        }
        logger.error(`internal error: ${(error as Error)?.message}`, { code: 'INTERNAL', stack: (error as Error)?.stack });
        sendError(res, 'INTERNAL', 'internal gateway error', null);
      });
    },
  };
}
