// gatecheck wired to the Java example gateway by configuration alone (schema: gatecheck's config/schema.ts).
// Run from this folder: npx gatecheck run

/** The gateway's reasons (Gateway.java, enum Reason and Refusal codes) as gatecheck's codes. */
export const codeMap = {
  UPSTREAM_CERT_EXPIRED: 'TLS_CERT_EXPIRED',
  UPSTREAM_CERT_NOT_YET_VALID: 'TLS_CERT_NOT_YET_VALID',
  UPSTREAM_HOST_MISMATCH: 'TLS_HOSTNAME_MISMATCH',
  UPSTREAM_SELF_SIGNED: 'TLS_SELF_SIGNED',
  UPSTREAM_UNTRUSTED_ROOT: 'TLS_UNTRUSTED_ROOT',
  UPSTREAM_CHAIN_INCOMPLETE: 'TLS_INCOMPLETE_CHAIN',
  UPSTREAM_CERT_PURPOSE: 'TLS_CERT_WRONG_PURPOSE',
  UPSTREAM_WEAK_SIGNATURE: 'TLS_WEAK_SIGNATURE',
  UPSTREAM_WEAK_KEY: 'TLS_WEAK_KEY',
  UPSTREAM_PIN_MISMATCH: 'TLS_PIN_MISMATCH',
  UPSTREAM_TLS_VERSION: 'TLS_PROTOCOL_VERSION',
  UPSTREAM_NO_CIPHER: 'TLS_NO_SHARED_CIPHER',
  UPSTREAM_ALPN: 'TLS_ALPN_MISMATCH',
  UPSTREAM_NOT_TLS: 'TLS_NOT_TLS',
  UPSTREAM_HANDSHAKE_TIMEOUT: 'TLS_HANDSHAKE_TIMEOUT',
  UPSTREAM_HANDSHAKE_FAILED: 'TLS_HANDSHAKE_FAILED',
  CLIENT_CERT_REQUIRED: 'TLS_CLIENT_CERT_REQUIRED',
  CLIENT_CERT_REJECTED: 'TLS_CLIENT_CERT_REJECTED',
  UPSTREAM_REFUSED: 'NET_CONNECTION_REFUSED',
  UPSTREAM_CONNECT_TIMEOUT: 'NET_CONNECT_TIMEOUT',
  UPSTREAM_DNS: 'NET_DNS_FAILURE',
  UPSTREAM_RESET: 'NET_CONNECTION_RESET',
  UPSTREAM_CLOSED: 'NET_CONNECTION_CLOSED',
  UPSTREAM_TIMEOUT: 'NET_RESPONSE_TIMEOUT',
  UPSTREAM_BAD_RESPONSE: 'PROCESSOR_BAD_RESPONSE',
  UPSTREAM_AUTH_REJECTED: 'AUTH_REJECTED',
  UPSTREAM_AUTH_FORBIDDEN: 'AUTH_FORBIDDEN',
  UPSTREAM_KEY_MODE: 'AUTH_MODE_MISMATCH',
  UPSTREAM_RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_DOWN: 'PROCESSOR_UNAVAILABLE',
  DUPLICATE_IN_FLIGHT: 'IDEMPOTENCY_CONFLICT',
  DUPLICATE_MISMATCH: 'IDEMPOTENCY_MISMATCH',
  CARD_DECLINED: 'PAYMENT_DECLINED',
  WEBHOOK_BAD_SIGNATURE: 'WEBHOOK_SIGNATURE_INVALID',
  WEBHOOK_STALE: 'WEBHOOK_TIMESTAMP_STALE',
  WEBHOOK_DUPLICATE: 'WEBHOOK_REPLAYED',
  WEBHOOK_MALFORMED: 'WEBHOOK_MALFORMED',
  REFUSED_CONFIG: 'CONFIG_INVALID',
  REFUSED_SECRET_MISSING: 'CONFIG_SECRET_MISSING',
  REFUSED_CA_BUNDLE: 'CONFIG_CA_BUNDLE_UNREADABLE',
  REFUSED_CLIENT_CERT_UNREADABLE: 'CONFIG_CLIENT_CERT_UNREADABLE',
  REFUSED_KEY_MISMATCH: 'CONFIG_CLIENT_KEY_MISMATCH',
  REFUSED_KEY_PASSPHRASE: 'CONFIG_CLIENT_KEY_PASSPHRASE',
  REFUSED_CLIENT_CERT_EXPIRED: 'CONFIG_CLIENT_CERT_EXPIRED',
  REFUSED_INSECURE_TLS: 'CONFIG_INSECURE_TLS',
};

/** OpenSSL suite names (what gatecheck's scenarios use) to the IANA names the JDK takes. */
export function ianaSuite(name) {
  const aead = /^ECDHE-(ECDSA|RSA)-AES(128|256)-GCM-SHA(256|384)$/.exec(name);
  if (aead) return `TLS_ECDHE_${aead[1]}_WITH_AES_${aead[2]}_GCM_SHA${aead[3]}`;
  const chacha = /^ECDHE-(ECDSA|RSA)-CHACHA20-POLY1305$/.exec(name);
  if (chacha) return `TLS_ECDHE_${chacha[1]}_WITH_CHACHA20_POLY1305_SHA256`;
  return name; // already an IANA name, or one the gateway refuses at boot with REFUSED_CONFIG
}

/** gatecheck's settings for each processor -> the gateway's INI file, one [upstream NAME] per processor. */
export function render(processors) {
  const lines = ['[server]', 'host = 127.0.0.1', 'port = 0', ''];
  for (const p of processors) {
    const tls = p.tls ?? {};
    const put = (key, value) => value !== undefined && value !== null && value !== '' && lines.push(`${key} = ${value}`);
    lines.push(`[upstream ${p.name}]`);
    put('type', p.profile);
    put('endpoint', p.baseUrl);
    put('api_key', p.credentials?.secretKey);
    put('user', p.credentials?.username);
    put('password', p.credentials?.password);
    put('ca_bundle', tls.caFile);
    put('client_cert', tls.certFile);
    put('client_key', tls.keyFile);
    put('client_key_passphrase', tls.passphrase);
    put('tls_server_name', tls.servername);
    put('tls_min', tls.minVersion);
    put('tls_max', tls.maxVersion);
    put('tls_ciphers', tls.ciphers?.split(':').map(ianaSuite).join(', '));
    put('pins', tls.pins?.join(', '));
    put('min_key_bits', tls.minKeyBits);
    put('connect_timeout_ms', p.timeouts?.connectMs);
    put('handshake_timeout_ms', p.timeouts?.handshakeMs);
    put('response_timeout_ms', p.timeouts?.responseMs);
    put('max_attempts', p.retry?.maxAttempts);
    put('backoff_ms', p.retry?.baseDelayMs);
    put('max_backoff_ms', p.retry?.maxDelayMs);
    put('webhook_secrets', p.webhooks?.secrets?.join(', '));
    lines.push('');
  }
  return lines.join('\n');
}

export default {
  processors: ['stripe', 'visa'],
  gateway: {
    // Compiled once into .gatecheck/java-classes (see run.sh), then a plain `java -cp` start per scenario.
    command: 'sh ./run.sh {config}',
    // The first start compiles Gateway.java (seconds on a loaded machine); later starts take ~0.6 s.
    bootTimeoutMs: 60_000,
    configFile: { render, extension: '.ini' },
    ready: { urlLine: '"url"\\s*:\\s*"(http[^"]+)"' },
    bootCode: '"refused"\\s*:\\s*"([A-Z_]+)"',
    payment: {
      method: 'POST',
      path: '/api/charges',
      headers: { 'content-type': 'application/json', 'idempotency-key': '{idempotencyKey}' },
      body: { amountMinor: '{amount}', currency: '{currency}', card: { number: '{card}' }, orderId: '{reference}' },
      taken: [200],
      declined: [402],
    },
    errors: { code: { pointer: '/reason' }, map: codeMap },
    health: { path: '/healthz', processors: '/upstreams', state: '/status', code: '/lastReason', up: ['healthy'], down: ['unhealthy'] },
    metrics: { path: '/metrics', failureCounter: 'payments_upstream_errors_total', codeLabel: 'reason' },
    webhooks: { stripe: '/hooks/stripe' },
  },
  coarse: [],
};
