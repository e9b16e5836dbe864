import { classifyError, type Classification, type ClassifyContext } from './classify.ts';
import { clock, type Clock } from './clock.ts';
import { createHealth, type HealthPart } from './health.ts';
import { idempotencyKey, type IdempotencyKeyPart } from './idempotency.ts';
import { createLogger, type LoggerPart, type LogSink } from './logger.ts';
import { metricsRegistry, type MetricsPart } from './metrics.ts';
import { presentError, type PresentErrorPart } from './present-error.ts';
import { processorClient } from './processors/index.ts';
import { retryPolicy, type RetryPolicy } from './retry.ts';
import { loadTlsMaterial, type TlsMaterialPart } from './tls/material.ts';
import { tlsOptions, type TlsOptionsPart } from './tls/options.ts';
import { verifyPeer, type VerifyPeer } from './tls/verify-peer.ts';
import { webhookVerifiers, type WebhookVerifierFactory } from './webhooks/index.ts';

/**
 * The construction seams of the gateway. startGateway composes the defaults below; a caller may
 * replace any of them (the mutation suite builds deliberately broken gateways this way, with no
 * test-only switch in the gateway itself).
 */
export type GatewayParts = {
  /** Reads each processor's CA bundle and client certificate at boot. */
  tlsMaterial: TlsMaterialPart;
  /** The metrics registry behind GET /metrics. */
  metrics: MetricsPart;
  /** Node TLS options for a processor from its config and boot-loaded material. */
  tlsOptions: TlsOptionsPart;
  /** The gateway's own policy on a verified chain: key size, weak digests, SPKI pins. */
  verifyPeer: VerifyPeer;
  /** Node/OpenSSL error + connection context -> error code. */
  classifyError: (err: unknown, context: ClassifyContext) => Classification;
  /** Whether and when to retry a failed attempt. */
  retryPolicy: RetryPolicy;
  /** The idempotency key sent to the processor for each attempt. */
  idempotencyKey: IdempotencyKeyPart;
  /** Tracks each processor's state for GET /health. */
  health: HealthPart;
  /** The status and body the caller sees for an error. */
  presentError: PresentErrorPart;
  /** A verifier per processor webhook config. */
  webhookVerifiers: WebhookVerifierFactory;
  /** The structured logger (redacting). */
  logger: LoggerPart;
  /** Where log lines go besides memory (the CLI: stdout or stderr); undefined = memory only. */
  logSink: LogSink | undefined;
  clock: Clock;
  /** The wire-contract client for a processor profile. */
  processorClient: typeof processorClient;
};

export const defaultParts: GatewayParts = {
  tlsMaterial: loadTlsMaterial,
  metrics: metricsRegistry,
  tlsOptions,
  verifyPeer,
  classifyError,
  retryPolicy,
  idempotencyKey,
  health: createHealth,
  presentError,
  webhookVerifiers,
  logger: createLogger,
  logSink: undefined,
  clock,
  processorClient,
};
