import { parseGatewayConfig, type ProcessorConfig } from '../../gateway/index.ts';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** What `doctor` is told: the processor URL and the gateway-side TLS settings for it. */
export type DoctorOptions = {
  url: string;
  /** CA bundle (PEM); absent = Node's built-in roots, as a gateway without tls.caFile. */
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  /** The key passphrase, or the environment variable holding it. */
  passphrase?: string | { env: string } | undefined;
  servername?: string | undefined;
  pins?: string[] | undefined;
  minVersion?: TlsVersion | undefined;
  maxVersion?: TlsVersion | undefined;
  ciphers?: string | undefined;
  minKeyBits?: number | undefined;
  /** Bound on each step (connect, handshake, answer); default 5000. */
  timeoutMs?: number | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  /** The clock for expiry checks (ms since epoch). */
  now?: number | undefined;
};

export const DEFAULT_TIMEOUT_MS = 5000;

/** The gateway config field each doctor flag stands for, to speak in flags in doctor's messages. */
export const flagOfField: Record<string, string> = {
  'processors[0].baseUrl': '<url>',
  'processors[0].tls.caFile': '--ca',
  'processors[0].tls.certFile': '--cert',
  'processors[0].tls.keyFile': '--key',
  'processors[0].tls.passphrase': '--passphrase-env',
  'processors[0].tls.pins': '--pin',
  'processors[0].tls.servername': '--servername',
  'processors[0].tls.minVersion': '--min-tls',
  'processors[0].tls.maxVersion': '--max-tls',
  'processors[0].tls.ciphers': '--ciphers',
  'processors[0].tls.minKeyBits': '--min-key-bits',
};

/** Replaces `processors[0].tls.caFile` (and friends) with the doctor flag in a message. */
export function inFlags(text: string): string {
  return text.replace(/processors\[0\]\.(?:tls\.[A-Za-z]+|baseUrl)(?:\.\d+)?/g, (field) => flagOfField[field.replace(/\.\d+$/, '')] ?? field);
}

/**
 * The processor entry a gateway would have for these options, validated by the gateway's own
 * config parser (so secrets from the environment, pin format and version names behave exactly as
 * at boot). The profile and credentials are placeholders: doctor never sends a payment.
 */
export function processorFor(options: DoctorOptions): ProcessorConfig {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tls: Record<string, unknown> = {};
  if (options.ca !== undefined) tls.caFile = options.ca;
  if (options.cert !== undefined) tls.certFile = options.cert;
  if (options.key !== undefined) tls.keyFile = options.key;
  if (options.passphrase !== undefined) tls.passphrase = options.passphrase;
  if (options.servername !== undefined) tls.servername = options.servername;
  if (options.pins?.length) tls.pins = options.pins;
  if (options.minVersion !== undefined) tls.minVersion = options.minVersion;
  if (options.maxVersion !== undefined) tls.maxVersion = options.maxVersion;
  if (options.ciphers !== undefined) tls.ciphers = options.ciphers;
  if (options.minKeyBits !== undefined) tls.minKeyBits = options.minKeyBits;
  const raw = {
    processors: [{
      name: 'doctor',
      profile: 'stripe',
      baseUrl: options.url,
      credentials: { secretKey: 'gatecheck-doctor-sends-no-payment' },
      tls,
      timeouts: { connectMs: timeoutMs, handshakeMs: timeoutMs, responseMs: timeoutMs },
    }],
  };
  return parseGatewayConfig(raw, { env: options.env ?? process.env }).processors[0]!;
}
