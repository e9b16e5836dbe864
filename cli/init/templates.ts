import type { ProfileName } from '../../mocks/processors/profile.ts';

// What `npx gatecheck init` writes into a project. Each text is complete and valid as written:
// the config's commented blocks are valid too once uncommented (a unit test parses them).

export const CONFIG_FILE = 'gatecheck.config.mjs';
/** Any of these means the project already has a config: init writes none beside it. */
export const CONFIG_FILES = ['gatecheck.config.ts', 'gatecheck.config.mjs', 'gatecheck.config.json'];
export const WORKFLOW_FILE = '.github/workflows/gatecheck.yml';
export const GITIGNORE_FILE = '.gitignore';
export const GITIGNORE_LINES = ['.gatecheck/'];

export function configTemplate(processors: readonly ProfileName[]): string {
  return `// gatecheck.config.mjs: how gatecheck tests this project's payment gateway. Written by
// \`npx gatecheck init\`; edit freely. gatecheck checks every field when it starts, and an error
// names the field and the fix. The whole contract a gateway meets (answers, health, metrics,
// time bounds, retries): node_modules/gatecheck/docs/your-gateway.md
import { defineConfig } from 'gatecheck';

export default defineConfig({
  // The processors your gateway integrates (stripe, adyen, paypal, visa). Scenarios for the
  // others are reported "not applicable", never dropped. If your gateway calls one by another
  // name (health entries, metric labels, webhook paths): { profile: 'visa', name: 'visa-direct' }.
  processors: ${JSON.stringify(processors).replaceAll('"', "'").replaceAll(',', ', ')},

  // The gateway under test. 'reference' is gatecheck's own bundled gateway: \`npx gatecheck run\`
  // works at once, and shows what a gateway that honours the contract does.
  gateway: 'reference',
  // Your gateway, described as data (every field: docs/your-gateway.md). Replace the line above:
  // gateway: {
  //   // Started once per scenario, from this folder. {config}: the config file gatecheck generates.
  //   command: './run-gateway.sh --config {config}',
  //   // How gatecheck's processor settings (URL, CA bundle, client certificate...) become your config file.
  //   configFile: { template: './gatecheck/gateway.ini.template', extension: '.ini' },
  //   // Ready when this URL answers (or when a line on stdout matches ready.urlLine).
  //   ready: { url: 'http://127.0.0.1:8080/healthz' },
  //   payment: {
  //     path: '/api/charges',
  //     body: { amount: '{amount}', currency: '{currency}', card: '{card}', orderId: '{reference}' },
  //     headers: { 'content-type': 'application/json', 'idempotency-key': '{idempotencyKey}' },
  //     taken: [200],
  //     declined: [402],
  //   },
  //   // Where your error code sits in an answer, and your codes in gatecheck's taxonomy (npx gatecheck list).
  //   errors: { code: { pointer: '/error/code' }, map: { UPSTREAM_CERT_EXPIRED: 'TLS_CERT_EXPIRED' } },
  //   health: { path: '/healthz' },
  //   metrics: { failureCounter: 'payments_upstream_failures_total', codeLabel: 'reason' },
  // },
  // Or a driver module of your own (a GatewayDriver as its default export):
  // gateway: { driver: './gatecheck/driver.mjs' },

  // A scenario (or one clause of it) you accept as not met, reported as "waived: <reason>":
  // waive: [{ scenario: 'network.dns-failure', clause: 'metrics', reason: 'DNS failures are counted by the sidecar, not by the gateway' }],
  // Where your runtime truly cannot tell two causes apart, reported as "honoured (coarse: CODE)":
  // coarse: [{ scenario: 'tls.wrong-host', code: 'TLS_HANDSHAKE_FAILED', reason: 'our TLS library reports a name mismatch as a generic handshake failure' }],

  // workers: 2,
  // Generated certificates, reports and traces (git-ignored); certsDir defaults to <outputDir>/certs.
  outputDir: '.gatecheck',
});
`;
}

export const WORKFLOW = `# gatecheck: does the payment gateway talk to its processors securely and correctly?
# Written by \`npx gatecheck init\`; edit freely.
# Every push and pull request: the contract matrix against gatecheck's local mock processors
# (127.0.0.1 only, no secrets). Every night: the sandbox tier, gatecheck's processor mocks checked
# against the processors' real sandboxes; opt-in: a processor whose GATECHECK_SANDBOX_* secrets are
# not set is skipped, naming them, and a live-looking key stops the run before any request.
name: gatecheck

on:
  push:
  pull_request:
  schedule:
    - cron: '23 3 * * *'
  workflow_dispatch:

permissions:
  contents: read

jobs:
  contract:
    name: gatecheck run (mock processors)
    if: github.event_name == 'push' || github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 30
    env:
      CI: true
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # Whatever your gateway needs to build and start goes here (e.g. actions/setup-java).
      - run: npx gatecheck run
      - name: Upload the results (junit.xml and each scenario's attachments)
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: gatecheck
          path: |
            .gatecheck/junit.xml
            .gatecheck/test-results/
          if-no-files-found: warn
          retention-days: 14

  sandbox:
    name: gatecheck run --tier sandbox (real processor sandboxes)
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    timeout-minutes: 20
    env:
      CI: true
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      # The secrets are only in the next step's environment: npm ci and install scripts never see them.
      - run: npm ci
      - run: npx gatecheck run --tier sandbox
        env:
          GATECHECK_SANDBOX_STRIPE_KEY: \${{ secrets.GATECHECK_SANDBOX_STRIPE_KEY }}
          GATECHECK_SANDBOX_ADYEN_KEY: \${{ secrets.GATECHECK_SANDBOX_ADYEN_KEY }}
          GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT: \${{ secrets.GATECHECK_SANDBOX_ADYEN_MERCHANT_ACCOUNT }}
          GATECHECK_SANDBOX_PAYPAL_CLIENT_ID: \${{ secrets.GATECHECK_SANDBOX_PAYPAL_CLIENT_ID }}
          GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET: \${{ secrets.GATECHECK_SANDBOX_PAYPAL_CLIENT_SECRET }}
          GATECHECK_SANDBOX_VISA_USER: \${{ secrets.GATECHECK_SANDBOX_VISA_USER }}
          GATECHECK_SANDBOX_VISA_PASSWORD: \${{ secrets.GATECHECK_SANDBOX_VISA_PASSWORD }}
          GATECHECK_SANDBOX_VISA_CERT: \${{ secrets.GATECHECK_SANDBOX_VISA_CERT }}
          GATECHECK_SANDBOX_VISA_KEY: \${{ secrets.GATECHECK_SANDBOX_VISA_KEY }}
          GATECHECK_SANDBOX_VISA_KEY_PASSPHRASE: \${{ secrets.GATECHECK_SANDBOX_VISA_KEY_PASSPHRASE }}
      - name: Upload the results and the drift report
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: gatecheck-sandbox
          path: |
            .gatecheck/junit.xml
            .gatecheck/test-results/
          if-no-files-found: warn
          retention-days: 30
`;
