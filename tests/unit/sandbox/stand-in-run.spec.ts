import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { profiles, TEST_CARDS } from '../../../mocks/processors/index.ts';
import { DriftReport } from '../../sandbox/drift.ts';
import { REQUIRED_VARIABLES } from '../../sandbox/env.ts';
import { scanArtefacts, type Needle } from './artefact-scan.ts';
import { breakingStripe, countingPort, runSandboxProject, serveStandIn, type SandboxRun, type StandIn } from './stand-ins.ts';

/**
 * The sandbox project run for real, as a child process, against stand-ins on 127.0.0.1: the
 * mock's own test credentials are the canaries, and every artefact the run leaves is searched
 * for them, for the cards, the client key and every token issued.
 */

// Each test starts servers and a whole Playwright run.
test.describe.configure({ timeout: 180_000 });

function mockCredentials() {
  const { stripe, adyen, paypal, visa } = profiles;
  if (stripe.credentials.kind !== 'secret-key' || adyen.credentials.kind !== 'api-key' || paypal.credentials.kind !== 'oauth2-client' || visa.credentials.kind !== 'basic-mtls') {
    throw new Error('gatecheck: a profile changed its credential kind; update this test');
  }
  return { stripe: stripe.credentials, adyen: adyen.credentials, paypal: paypal.credentials, visa: visa.credentials };
}

/** The first base64 line of a PEM private key: enough to recognise a leaked key. */
const keyLine = (file: string) => readFileSync(file, 'utf8').split('\n').find((line) => line && !line.startsWith('-----'))!;

/** What must never appear: the canaries, cards, issued tokens and generated wrong secrets. */
function canaries(keyFile?: string): Needle[] {
  const c = mockCredentials();
  return [
    { label: 'stripe secret key', find: c.stripe.secretKey },
    { label: 'adyen API key', find: c.adyen.apiKey },
    { label: 'paypal client id', find: c.paypal.clientId },
    { label: 'paypal client secret', find: c.paypal.clientSecret },
    { label: 'visa user', find: c.visa.username },
    { label: 'visa password', find: c.visa.password },
    { label: 'approved card number', find: TEST_CARDS.approved },
    { label: 'declined card number', find: TEST_CARDS.declinedInsufficientFunds },
    ...(keyFile ? [{ label: 'visa client private key', find: keyLine(keyFile) }] : []),
    { label: 'paypal access token', find: /A21AA[A-Za-z0-9_-]{20}/ },
    { label: 'generated wrong stripe key', find: /sk_test_gatecheck_wrong_[0-9a-f]{8}/ },
    { label: 'generated wrong adyen key', find: /AQE_gatecheck_wrong_[0-9a-f]{8}/ },
    { label: 'generated wrong secret', find: /gatecheck-wrong-[0-9a-f]{8}-/ },
  ];
}

function scanRun(run: SandboxRun, dir: string, needles: Needle[]) {
  const scan = scanArtefacts([dir], needles, { stdout: run.stdout, stderr: run.stderr });
  const where = [...scan.texts.entries()];
  return {
    ...scan,
    inTrace: (text: string) => where.some(([name, content]) => /trace\.zip!/.test(name) && content.includes(text)),
    inHtmlReport: (text: string) => where.some(([name, content]) => name.includes('!embedded!') && content.includes(text)),
  };
}

async function startAll(starts: Promise<StandIn>[]): Promise<StandIn[]> {
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.stop()));
    throw failed.reason;
  }
  return started;
}

test('against gatecheck serve stand-ins the sandbox project passes and no artefact holds a credential, token, client key or card number', async ({}, testInfo) => {
  const standIns = await startAll([
    serveStandIn('tls.good-chain', 'stripe'),
    serveStandIn('tls.good-chain', 'adyen'),
    serveStandIn('tls.good-chain', 'paypal'),
    serveStandIn('mtls.good-client-cert', 'visa'),
  ]);
  try {
    const [stripe, adyen, paypal, visa] = standIns as [StandIn, StandIn, StandIn, StandIn];
    const c = mockCredentials();
    const dir = testInfo.outputPath('run');
    const run = await runSandboxProject(dir, {
      GATECHECK_SANDBOX_CA: stripe.client.ca!,
      GATECHECK_SANDBOX_STRIPE_URL: stripe.url,
      GATECHECK_SANDBOX_STRIPE_KEY: c.stripe.secretKey,
      GATECHECK_SANDBOX_ADYEN_URL: adyen.url,
      GATECHECK_SANDBOX_ADYEN_KEY: c.adyen.apiKey,
      GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT: c.adyen.merchantAccount,
      GATECHECK_SANDBOX_PAYPAL_URL: paypal.url,
      GATECHECK_SANDBOX_PAYPAL_CLIENT_ID: c.paypal.clientId,
      GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET: c.paypal.clientSecret,
      GATECHECK_SANDBOX_VISA_URL: visa.url,
      GATECHECK_SANDBOX_VISA_USER: c.visa.username,
      GATECHECK_SANDBOX_VISA_PASSWORD: c.visa.password,
      GATECHECK_SANDBOX_VISA_CERT: visa.client.cert!,
      GATECHECK_SANDBOX_VISA_KEY: visa.client.key!,
    });
    expect(run.code, `sandbox run failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('12 passed');
    expect(readFileSync(run.junitFile, 'utf8')).toMatch(/<testsuites [^>]*tests="12" failures="0" skipped="0"/);

    const scan = scanRun(run, dir, canaries(visa.client.key!));
    expect(scan.hits).toEqual([]);
    // The scan looked inside what it had to: zipped traces, the HTML report's embedded zip, the scrubbed attachments.
    expect(scan.inTrace('POST /v1/payment_intents: expect HTTP 200, paymentResponse')).toBe(true);
    expect(scan.inTrace('"authorization": "[redacted]"')).toBe(true);
    expect(scan.inHtmlReport('sandbox.visa.approved')).toBe(true);
    testInfo.annotations.push({ type: 'canary scan', description: `${scan.files} files, ${scan.zipEntries} zip entries, ${scan.bytes} bytes; ${scan.hits.length} hits` });
  } finally {
    await Promise.all(standIns.map((s) => s.stop()));
  }
});

test('a schema-breaking stand-in fails with the field path and writes drift.json with both shapes and no values', async ({}, testInfo) => {
  const breaking = await breakingStripe();
  try {
    const dir = testInfo.outputPath('run');
    const run = await runSandboxProject(dir, {
      GATECHECK_SANDBOX_CA: breaking.ca,
      GATECHECK_SANDBOX_STRIPE_URL: breaking.url,
      GATECHECK_SANDBOX_STRIPE_KEY: mockCredentials().stripe.secretKey,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 failed[\s\S]*9 skipped[\s\S]*2 passed/);
    expect(run.stdout).toContain('stripe POST /v1/payment_intents: the sandbox answer drifted from the mock\'s paymentResponse schema:');
    expect(run.stdout).toContain('status: mock expects "succeeded"; sandbox sent missing');

    const report = DriftReport.parse(JSON.parse(readFileSync(`${run.outputDir}/drift.json`, 'utf8')));
    expect(report.entries.map((e) => [e.profile, e.route, e.schema, e.field, e.mockShape, e.sandboxShape])).toEqual([
      ['stripe', 'POST /v1/payment_intents', 'paymentResponse', 'amount', 'integer', 'string'],
      ['stripe', 'POST /v1/payment_intents', 'paymentResponse', 'status', '"succeeded"', 'missing'],
    ]);
    expect(scanRun(run, dir, canaries()).hits).toEqual([]);
  } finally {
    await breaking.stop();
  }
});

test('a live Stripe key stops the run before any request, says why, and is not echoed', async ({}, testInfo) => {
  const port = await countingPort();
  try {
    const liveKey = `sk_live_gatecheck${randomUUID().replaceAll('-', '')}`;
    const dir = testInfo.outputPath('run');
    const run = await runSandboxProject(dir, { GATECHECK_SANDBOX_STRIPE_URL: port.url, GATECHECK_SANDBOX_STRIPE_KEY: liveKey });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('gatecheck: refusing to run the sandbox tier against live credentials; no request was sent.');
    expect(run.stdout).toContain('GATECHECK_SANDBOX_STRIPE_KEY starts with sk_live_: a live Stripe key moves real money');
    expect(port.connections()).toBe(0);
    expect(scanRun(run, dir, [{ label: 'live key', find: liveKey }]).hits).toEqual([]);
  } finally {
    await port.stop();
  }
});

test('with no sandbox variables every profile is skipped, naming its missing variables', async ({}, testInfo) => {
  const run = await runSandboxProject(testInfo.outputPath('run'), {});
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('12 skipped');
  for (const [profile, variables] of Object.entries(REQUIRED_VARIABLES)) {
    expect(run.stdout).toContain(`skipped: ${profile} sandbox not configured: set ${variables.join(', ')}`);
  }
  const junit = readFileSync(run.junitFile, 'utf8');
  expect(junit).toMatch(/<testsuites [^>]*tests="12" failures="0" skipped="12"/);
  expect(junit).toContain('<property name="skip" value="visa sandbox not configured: set GATECHECK_SANDBOX_VISA_USER, GATECHECK_SANDBOX_VISA_PASSWORD, GATECHECK_SANDBOX_VISA_CERT, GATECHECK_SANDBOX_VISA_KEY">');
});
