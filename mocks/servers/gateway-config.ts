import { getProfile } from '../processors/index.ts';
import type { ProcessorProfile } from '../processors/profile.ts';
import { HARNESS_TIMEOUTS } from '../scenarios/expect.ts';
import type { ProcessorServer, RunningProcessor } from './start-processor.ts';

/** The reference gateway's `credentials` for a profile, from what the mock accepts. */
export function gatewayCredentials(profile: ProcessorProfile): Record<string, string> {
  const c = profile.credentials;
  switch (c.kind) {
    case 'secret-key': return { secretKey: c.secretKey };
    case 'api-key': return { apiKey: c.apiKey };
    case 'oauth2-client': return { clientId: c.clientId, clientSecret: c.clientSecret };
    case 'basic-mtls': return { username: c.username, password: c.password };
  }
}

/**
 * One entry of the reference gateway's `processors` list pointing at a running mock, with the
 * scenario's client material: what `serve` prints and what the drivers write.
 */
// A 64-character DNS label is invalid, so the resolver fails it locally: no query leaves the machine.
const UNRESOLVABLE_HOST = `${'x'.repeat(64)}.gatecheck.invalid`;

/** The transport half of a gateway processor entry (base URL, TLS material, timeouts, retry) for any running processor. */
export function gatewayTransportConfig(server: RunningProcessor, basePath = ''): Record<string, unknown> {
  const c = server.client;
  const tls: Record<string, unknown> = { servername: c.servername, minVersion: c.minVersion, maxVersion: c.maxVersion, minKeyBits: c.minKeyBits };
  if (c.ca) tls.caFile = c.ca;
  if (c.cert) tls.certFile = c.cert;
  if (c.key) tls.keyFile = c.key;
  if (c.passphrase) tls.passphrase = c.passphrase;
  if (c.pins.length) tls.pins = c.pins;
  if (c.ciphers) tls.ciphers = c.ciphers;
  const url = `${server.url}${basePath}`;
  return {
    baseUrl: server.gatewaySetup.host === 'unresolvable' ? url.replace('127.0.0.1', UNRESOLVABLE_HOST) : url,
    tls,
    timeouts: { ...HARNESS_TIMEOUTS },
    // Backoff is not what a scenario tests (Retry-After is waited exactly, up to maxDelayMs): keep it short.
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 },
  };
}

export function gatewayProcessorConfig(server: ProcessorServer, name: string = server.profile): Record<string, unknown> {
  const profile = getProfile(server.profile);
  const { baseUrl, ...transport } = gatewayTransportConfig(server);
  const entry: Record<string, unknown> = {
    name,
    profile: server.profile,
    baseUrl,
    credentials: { ...gatewayCredentials(profile), ...(server.gatewaySetup.credentials ?? {}) },
    ...transport,
  };
  if (profile.webhooks) entry.webhooks = profile.webhooks.secrets;
  return entry;
}

/**
 * The `processors` list for a topology, in failover order: each entry named after its profile,
 * a second processor of the primary's profile as `<profile>-secondary`.
 */
export function gatewayTopologyConfig(servers: ProcessorServer[], nameOf: (profile: string) => string = (profile) => profile): Record<string, unknown>[] {
  return servers.map((s, i) => gatewayProcessorConfig(s, i > 0 && s.profile === servers[0]!.profile ? `${nameOf(s.profile)}-secondary` : nameOf(s.profile)));
}
