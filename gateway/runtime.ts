import type { ProcessorConfig } from './config.ts';
import { categoryOf, GatewayFailure } from './errors.ts';
import type { HealthTracker } from './health.ts';
import type { Logger, Redactor } from './logger.ts';
import type { MetricsRegistry } from './metrics.ts';
import type { GatewayParts } from './parts.ts';
import type { ProcessorClient } from './processors/index.ts';
import type { TlsMaterial } from './tls/material.ts';
import { ProcessorTransport } from './transport.ts';
import { ReplayStore, type WebhookVerifier } from './webhooks/index.ts';

/** Everything the gateway holds for one configured processor. */
export type ProcessorRuntime = {
  config: ProcessorConfig;
  index: number;
  material: TlsMaterial;
  transport: ProcessorTransport;
  client: ProcessorClient;
  webhook: WebhookVerifier | undefined;
  replays: ReplayStore;
};

export type Shared = {
  parts: GatewayParts;
  logger: Logger;
  redactor: Redactor;
  metrics: MetricsRegistry;
  health: HealthTracker;
  signal: AbortSignal;
};

export function buildRuntime(config: ProcessorConfig, index: number, material: TlsMaterial, webhook: WebhookVerifier | undefined, shared: Shared): ProcessorRuntime {
  const { parts, logger, redactor, health } = shared;
  const transport = new ProcessorTransport({
    baseUrl: config.baseUrl,
    tls: parts.tlsOptions(config, material),
    bounds: config.timeouts,
    verifyPeer: parts.verifyPeer,
    policy: { minKeyBits: config.tls.minKeyBits, pins: config.tls.pins },
    classifyError: parts.classifyError,
    onVerifiedPeer: (chain) => chain[0] && health.certificate(config.name, chain[0]),
    signal: shared.signal,
  });
  const client = parts.processorClient(config, { send: (request) => transport.send(request), clock: parts.clock, redactor, logger, processor: config.name });
  return { config, index, material, transport, client, webhook, replays: new ReplayStore() };
}

const isTlsCode = (code: string) => code.startsWith('TLS_');

/** A TLS handshake (full verification and policy) without a request: the health probe. */
export async function probe(runtime: ProcessorRuntime, shared: Shared): Promise<void> {
  const { name, profile } = runtime.config;
  const ticket = shared.health.begin(name);
  try {
    const connection = await runtime.transport.probe();
    shared.health.observe(name, ticket, { ok: true, probe: true });
    shared.logger.debug('probe ok', { processor: name, protocol: connection.protocol, cipher: connection.cipher });
  } catch (error) {
    const failure = error instanceof GatewayFailure ? error : new GatewayFailure('TLS_HANDSHAKE_FAILED', String(error), { requestSent: false });
    shared.health.observe(name, ticket, { ok: false, code: failure.code, answered: failure.httpStatus !== undefined });
    if (isTlsCode(failure.code)) shared.metrics.handshakeFailure(name, failure.code);
    shared.logger.warn(`probe failed: ${failure.message}`, { code: failure.code, processor: name, profile, category: categoryOf(failure.code), detail: failure.detail });
  }
}
