import { expect, test } from '@playwright/test';
import { profiles } from '../../../mocks/processors/index.ts';
import { decideSandboxOutcome, type SandboxRow } from '../../reporters/sandbox-outcome.ts';
import { gatecheckIn, project } from '../adapter/run-in.ts';
import { breakingStripe, serveStandIn } from './stand-ins.ts';

/**
 * `gatecheck run --tier sandbox` (the nightly job `gatecheck init` writes) once exited 2 on every
 * run, "the Playwright runner exited (0) without reporting an outcome": only the contract tier's
 * reporter wrote one. Its outcome now: held 0, drift 1, environment 2, nothing ran 2.
 */
const row = (title: string, status: SandboxRow['status'], drift = false, message: string | null = null): SandboxRow => ({ title, status, drift, message });

test('the sandbox tier\'s outcome: drift is a finding, a failure before any comparison is the environment\'s, nothing run is never green', () => {
  const decide = (rows: SandboxRow[], errors: string[] = []) => decideSandboxOutcome({ rows, total: rows.length, status: 'passed', errors });
  expect(decide([row('a', 'passed'), row('b', 'skipped')])).toMatchObject({ kind: 'held', exitCode: 0 });
  expect(decide([row('a', 'failed', true, 'stripe drifted'), row('b', 'failed', false, 'ECONNREFUSED')])).toMatchObject({ kind: 'breached', exitCode: 1 });
  expect(decide([row('a', 'passed'), row('b', 'failed', false, 'connect ECONNREFUSED')]).headline)
    .toBe('harness error: 1 sandbox check(s) failed before an answer could be compared, first b: connect ECONNREFUSED');
  expect(decide([row('a', 'skipped'), row('b', 'skipped')])).toMatchObject({ kind: 'harness', exitCode: 2 });
  expect(decide([], ['LiveCredentialRefused: gatecheck: refusing to run the sandbox tier against live credentials'])).toMatchObject({ kind: 'harness', exitCode: 2 });
});

test.describe(() => {
  // Each test runs the sandbox tier through the CLI against a stand-in on 127.0.0.1.
  test.describe.configure({ timeout: 120_000 });
  const stripeKey = () => (profiles.stripe.credentials as { secretKey: string }).secretKey;

  test('gatecheck run --tier sandbox: exit 0 when the configured sandbox answers as the mock does, 2 with nothing configured; it never starts the gateway', async () => {
    const standIn = await serveStandIn('tls.good-chain', 'stripe');
    // A gateway command that cannot start: the sandbox tier talks to processors only, so it must not matter.
    const p = project({ 'gatecheck.config.json': JSON.stringify({ processors: ['stripe'], gateway: { command: 'sh ./not-here.sh {config}', payment: { path: '/api/charges', body: {} } } }) });
    try {
      const run = await gatecheckIn(p.dir, ['run', '--tier', 'sandbox'], { GATECHECK_SANDBOX_CA: standIn.client.ca!, GATECHECK_SANDBOX_STRIPE_URL: standIn.url, GATECHECK_SANDBOX_STRIPE_KEY: stripeKey() });
      expect(run.exit, run.stdout + run.stderr).toBe(0);
      expect(run.stderr).toMatch(/gatecheck run --tier sandbox: all 3 sandbox check\(s\) held; 9 skipped/);
      const none = await gatecheckIn(p.dir, ['run', '--tier', 'sandbox']);
      expect(none.exit).toBe(2);
      expect(none.stderr).toContain('harness error: the sandbox tier ran nothing: no processor sandbox is configured');
      expect(none.stderr + none.stdout).not.toContain('GATEWAY_DID_NOT_START');
    } finally {
      p.remove();
      await standIn.stop();
    }
  });

  test('gatecheck run --tier sandbox: exit 1 when the sandbox drifted from the mock\'s schema', async () => {
    const breaking = await breakingStripe();
    const p = project({});
    try {
      const run = await gatecheckIn(p.dir, ['run', '--tier', 'sandbox'], { GATECHECK_SANDBOX_CA: breaking.ca, GATECHECK_SANDBOX_STRIPE_URL: breaking.url, GATECHECK_SANDBOX_STRIPE_KEY: stripeKey() });
      expect(run.exit, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toMatch(/gatecheck run --tier sandbox: 1 sandbox check\(s\) found drift: .*stripe POST \/v1\/payment_intents: the sandbox answer drifted from the mock's paymentResponse schema:/);
    } finally {
      p.remove();
      await breaking.stop();
    }
  });
});
