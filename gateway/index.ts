import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { configSecrets, parseGatewayConfig, type GatewayConfig } from './config.ts';
import { GatewayBootError } from './errors.ts';
import { createRedactor, type LogLine } from './logger.ts';
import { modeMismatch } from './mode.ts';
import { defaultParts, type GatewayParts } from './parts.ts';
import { buildRuntime, type ProcessorRuntime, type Shared } from './runtime.ts';
import { createRouter } from './server.ts';
import type { BootWarning, TlsMaterial } from './tls/material.ts';

export { configSecrets, GatewayConfig, loadGatewayConfig, parseGatewayConfig, ProcessorConfig } from './config.ts';
export { classifyError, classifyHttpStatus, classifyTlsFrontResponse, type Classification, type ClassifyContext } from './classify.ts';
export { GatewayBootError, GatewayFailure, gatewayCodes, isRetryable, statusOf, type GatewayCode } from './errors.ts';
export { defaultParts, type GatewayParts } from './parts.ts';
export { connectVerified, ConnectError, peerChain, type VerifiedConnection } from './tls/connect.ts';
export { loadTlsMaterial, type TlsMaterial, type TlsMaterialPart } from './tls/material.ts';
export { GatewayMetrics, metricsRegistry, type MetricsPart, type MetricsRegistry } from './metrics.ts';
export { tlsOptions, expectedServername } from './tls/options.ts';
export { spkiPin, verifyPeer, type PeerPolicy } from './tls/verify-peer.ts';
export type { LogLine } from './logger.ts';

export type RunningGateway = {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
  /** Every log line so far (the most recent 5000), already redacted. */
  logs(): LogLine[];
};

function checkEnvironment(): void {
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new GatewayBootError('CONFIG_INSECURE_TLS', 'env NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_TLS_REJECT_UNAUTHORIZED=0 is set: it turns off certificate verification for this process. Fix: unset it; to trust a private CA, set the processor\'s tls.caFile.');
  }
}

function listen(server: http.Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new GatewayBootError('CONFIG_INVALID', 'server.port', `cannot listen on ${host}:${port} (${error.code ?? error.message}). Fix: choose a free port (0 picks one).`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Validates the config, runs every boot check (throwing GatewayBootError on the first refusal),
 * then serves the gateway API. `config` is the parsed JSON (or loadGatewayConfig's result);
 * relative paths in it are relative to the current directory.
 */
export async function startGateway(config: unknown, parts: Partial<GatewayParts> = {}): Promise<RunningGateway> {
  const p: GatewayParts = { ...defaultParts, ...parts };
  const parsed: GatewayConfig = parseGatewayConfig(config);
  checkEnvironment();
  const now = p.clock.now();

  const warnings: BootWarning[] = [];
  const materials: TlsMaterial[] = [];
  const verifiers = parsed.processors.map((processor, index) => {
    const loaded = p.tlsMaterial(processor, index, now);
    materials.push(loaded.material);
    warnings.push(...loaded.warnings);
    const mismatch = modeMismatch(processor);
    if (mismatch) warnings.push({ code: 'AUTH_MODE_MISMATCH', field: `processors[${index}].credentials`, message: `processors[${index}] (${processor.name}): ${mismatch}` });
    return p.webhookVerifiers(processor, index);
  });

  const secrets = [...configSecrets(parsed), ...materials.flatMap((m) => (m.key ? [m.key] : []))];
  const redactor = createRedactor(secrets);
  const logger = p.logger({ sink: p.logSink, redactor, now: p.clock.now });
  for (const w of warnings) logger.warn(w.message, { code: w.code, field: w.field, ...(w.file ? { file: w.file } : {}) });

  const abort = new AbortController();
  const health = p.health({
    processors: parsed.processors.map((proc, i) => ({ name: proc.name, profile: proc.profile, clientCert: materials[i]!.clientCert })),
    now: p.clock.now,
  });
  const shared: Shared = { parts: p, logger, redactor, metrics: p.metrics(), health, signal: abort.signal };
  const runtimes: ProcessorRuntime[] = parsed.processors.map((proc, i) => buildRuntime(proc, i, materials[i]!, verifiers[i], shared));
  const router = createRouter(runtimes, shared);

  const server = http.createServer((req, res) => router.handle(req, res));
  server.keepAliveTimeout = 5000;
  let address: AddressInfo;
  try {
    address = await listen(server, parsed.server.host, parsed.server.port);
  } catch (error) {
    for (const r of runtimes) r.transport.close();
    throw error;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info('gateway listening', { url, processors: parsed.processors.map((x) => `${x.name} (${x.profile}) ${x.baseUrl}`) });

  let timer: NodeJS.Timeout | undefined;
  if (parsed.health.probeOnStart) void router.probeAll();
  if (parsed.health.probeIntervalMs > 0) {
    timer = setInterval(() => void router.probeAll(), parsed.health.probeIntervalMs);
    timer.unref();
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    logs: () => logger.lines(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        abort.abort();
        for (const r of runtimes) r.transport.close();
        server.close(() => resolve());
        server.closeAllConnections();
        logger.info('gateway closed');
      });
      return closing;
    },
  };
}
