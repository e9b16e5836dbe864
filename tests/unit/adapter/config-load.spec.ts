import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../../config/config-error.ts';
import { loadProjectConfig } from '../../../config/load.ts';
import { gatecheckIn, project } from './run-in.ts';

/** gatecheck.config discovery, loading (.json, .mjs, .ts) and validation messages. */
const defineUrl = new URL('../../../config/define.ts', import.meta.url).href;
const minimalGateway = { command: 'node gw.mjs {config}', payment: { path: '/api/charges', body: { amount: '{amount}' } } };

test('no config file: the reference gateway and all four processors', async () => {
  const p = project({});
  try {
    const loaded = await loadProjectConfig({ cwd: p.dir });
    expect(loaded.file).toBeNull();
    expect(loaded.config.gateway).toBe('reference');
    expect(loaded.config.processors.map((x) => x.name)).toEqual(['stripe', 'adyen', 'paypal', 'visa']);
  } finally {
    p.remove();
  }
});

test('found in the working folder in Playwright order (.ts before .mjs before .json); paths resolved against its folder', async () => {
  const p = project({
    'gatecheck.config.json': JSON.stringify({ processors: ['adyen'] }),
    'gatecheck.config.mjs': `export default { processors: [{ profile: 'stripe', name: 'card-main' }], gateway: { driver: './my-driver.mjs' }, outputDir: 'out' };`,
    'my-driver.mjs': 'export default {};',
  });
  try {
    const loaded = await loadProjectConfig({ cwd: p.dir });
    expect(loaded.file).toBe(`${p.dir}/gatecheck.config.mjs`);
    expect(loaded.config.processors).toEqual([{ profile: 'stripe', name: 'card-main' }]);
    expect(loaded.config.gateway).toEqual({ driver: `${p.dir}/my-driver.mjs` });
    expect(loaded.config.outputDir).toBe(`${p.dir}/out`);
  } finally {
    p.remove();
  }
});

test('a .ts config with defineConfig loads through tsx, with a render function', async () => {
  const p = project({
    'gatecheck.config.ts': `import { defineConfig } from '${defineUrl}';
export default defineConfig({
  processors: ['stripe', 'visa'],
  gateway: { command: 'java Gateway.java {config}', configFile: { extension: '.properties', render: (ps: readonly { name: string; baseUrl: string }[]) => ps.map((x) => \`\${x.name}.url=\${x.baseUrl}\`).join('\\n') }, payment: { path: '/api/charges', body: {}, taken: [200] } },
});`,
  });
  try {
    const loaded = await loadProjectConfig({ cwd: p.dir });
    const gateway = loaded.config.gateway;
    if (typeof gateway !== 'object' || 'driver' in gateway) throw new Error('expected a declarative gateway');
    expect(gateway.configFile.render?.([{ name: 'stripe', baseUrl: 'https://127.0.0.1:1' } as never], { port: 1 })).toBe('stripe.url=https://127.0.0.1:1');
    expect(gateway.payment.taken).toEqual([200]);
    expect(gateway.health.path).toBe('/health');
  } finally {
    p.remove();
  }
});

// The first line of each message, word for word: it is what a user reads.
const badConfigs: [string, unknown, string][] = [
  ['payment path without a slash', { gateway: { ...minimalGateway, payment: { path: 'api/charges', body: {} } } },
    'gatecheck.config.json: gateway.payment.path: must start with "/" (got "api/charges"). Fix: see docs/your-gateway.md#gateway.'],
  ['an unknown processor profile', { processors: ['stripe', 'adyn'] },
    'gatecheck.config.json: processors[1]: a profile (stripe, adyen, paypal, visa), { profile, name }, or { name, custom } (got "adyn"). Fix: see docs/your-gateway.md#processors.'],
  ['a misspelt key', { gateway: { ...minimalGateway, comand: 'x' } },
    'gatecheck.config.json: gateway: unknown key "comand". Fix: remove it or correct the spelling (every key is in docs/your-gateway.md#gateway).'],
  ['the payment missing', { gateway: { command: 'x' } },
    'gatecheck.config.json: gateway.payment: is required (an object). Fix: add it (docs/your-gateway.md#gateway).'],
  ['a gateway that is none of the three', { gateway: 'java' },
    'gatecheck.config.json: gateway: must be "reference", { driver: "./my-driver.mjs" } or a declarative gateway (an object with command and payment) (got "java"). Fix: see docs/your-gateway.md#gateway.'],
  ['a waiver without a reason', { waive: [{ scenario: 'tls.expired-leaf', reason: 'no' }] },
    'gatecheck.config.json: waive[0].reason: say why, in a sentence (got "no"). Fix: see docs/your-gateway.md#waivers.'],
  ['a waiver for an unknown scenario', { waive: [{ scenario: 'tls.expired', reason: 'we know, see PAY-1' }] },
    'gatecheck.config.json: waive[0].scenario: no scenario "tls.expired" (did you mean tls.expired-leaf, tls.expired-cross-sign, mtls.client-cert-expired?); npx gatecheck list shows them (got "tls.expired"). Fix: see docs/your-gateway.md#waivers.'],
  ['a coarse code for a scenario that expects success', { coarse: [{ scenario: 'tls.good-chain', code: 'TLS_HANDSHAKE_FAILED', reason: 'the runtime cannot tell' }] },
    'gatecheck.config.json: coarse[0].code: tls.good-chain expects the payment taken, not a code; a coarse code only replaces an expected error code (got "TLS_HANDSHAKE_FAILED"). Fix: see docs/your-gateway.md#coarse-codes.'],
  ['a readiness pattern that is not a regular expression', { gateway: { ...minimalGateway, ready: { urlLine: '(http' } } },
    'gatecheck.config.json: gateway.ready.urlLine: a valid regular expression (JavaScript syntax; escape backslashes in JSON) (got "(http"). Fix: see docs/your-gateway.md#gateway.'],
  ['a per-processor webhook path that still holds {processor}', { processors: ['stripe', 'visa'], gateway: { ...minimalGateway, webhooks: { stripe: '/hooks/{processor}' } } },
    'gatecheck.config.json: gateway.webhooks.stripe: a path per processor is used as written, so {processor} would stay in it; write "/hooks/stripe", or give one path for every processor: webhooks: "/hooks/{processor}" (got "/hooks/{processor}"). Fix: see docs/your-gateway.md#gateway.'],
  ['two processors with one name', { processors: ['stripe', { profile: 'visa', name: 'stripe' }] },
    'gatecheck.config.json: processors[1].name: "stripe" is used twice; give each processor its own name (got "stripe"). Fix: see docs/your-gateway.md#processors.'],
  ['a template placeholder that does not exist', { gateway: { ...minimalGateway, configFile: { inline: '{#processors}\nurl={processor.url}\n{/processors}' } } },
    'gatecheck.config.json: gateway.configFile.inline: line 2: unknown field {processor.url} (one of processor.name, processor.profile, processor.baseUrl, processor.host, processor.port, processor.merchantAccount, processor.credentials.secretKey, processor.credentials.apiKey, processor.credentials.clientId, processor.credentials.clientSecret, processor.credentials.username, processor.credentials.password, processor.tls.caFile, processor.tls.certFile, processor.tls.keyFile, processor.tls.passphrase, processor.tls.servername, processor.tls.minVersion, processor.tls.maxVersion, processor.tls.pins, processor.tls.ciphers, processor.tls.minKeyBits, processor.timeouts.connectMs, processor.timeouts.handshakeMs, processor.timeouts.responseMs, processor.retry.maxAttempts, processor.retry.baseDelayMs, processor.retry.maxDelayMs, processor.webhooks.secrets, processor.webhooks.hmacKey, processor.webhooks.webhookId, processor.webhooks.certFile, processor.webhooks.toleranceSeconds). Fix: see docs/your-gateway.md#the-config-template.'],
];

for (const [name, config, first] of badConfigs) {
  test(`refused: ${name}`, async () => {
    const p = project({ 'gatecheck.config.json': JSON.stringify(config) });
    try {
      const error = await loadProjectConfig({ cwd: p.dir }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message.replace(`${p.dir}/`, '').split('\n')[0]).toBe(first);
    } finally {
      p.remove();
    }
  });
}

test('gatecheck run with a bad config exits 2 before any scenario, naming the field and the fix', async () => {
  const p = project({ 'gatecheck.config.mjs': `export default { gateway: { command: 'x', payment: { path: 'charges', body: {} } } };` });
  try {
    const run = await gatecheckIn(p.dir, ['run', '--grep', 'tls.good-chain:']);
    expect(run.exit).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toBe('gatecheck.config.mjs: gateway.payment.path: must start with "/" (got "charges"). Fix: see docs/your-gateway.md#gateway.');
    expect(run.stdout).toBe('');
  } finally {
    p.remove();
  }
});

test('gatecheck run --config names a file that does not exist: exit 2', async () => {
  const run = await gatecheckIn(fileURLToPath(new URL('.', import.meta.url)), ['run', '--config', 'nope.json']);
  expect(run.exit).toBe(2);
  expect(run.stderr.trim()).toBe('nope.json: no such file. Fix: check the path given to --config (it is relative to the current folder).');
});
