import { expect, test } from '@playwright/test';
import { parseGatewayConfig } from '../../../gateway/index.ts';
import { codeInfo } from '../../../mocks/scenarios/codes.ts';
import { scenarios } from '../../../mocks/scenarios/index.ts';
import type { Scenario } from '../../../mocks/scenarios/schema.ts';
import { gatewayProcessorConfig } from '../../../mocks/servers/gateway-config.ts';
import { startProcessor } from '../../../mocks/servers/start-processor.ts';
import { diagnoseProcessor } from '../../../cli/doctor/diagnose.ts';

/**
 * The path `audit --live` takes: a processor entry of a reference-gateway config (as `serve`
 * prints it, with the gateway's own timeouts) diagnosed as configured. Doctor sees everything
 * below HTTP, so it must agree with every scenario of every family whose code is decided there;
 * codes the processor gives over HTTP (auth, 5xx, declines, webhooks) are the gateway's to see.
 */
const BELOW_HTTP = new Set(['NET_CONNECTION_REFUSED', 'NET_DNS_FAILURE', 'NET_CONNECT_TIMEOUT']);
const decidedBelowHttp = (s: Scenario) =>
  s.expect.code === null ? s.family === 'tls' || s.family === 'mtls' : ['tls', 'mtls', 'config'].includes(codeInfo(s.expect.code).category) || BELOW_HTTP.has(s.expect.code);

const selected = scenarios.filter(decidedBelowHttp);

test('scenarios of families other than tls and mtls are covered too', () => {
  expect(selected.some((s) => s.family !== 'tls' && s.family !== 'mtls')).toBe(true);
});

for (const scenario of selected) {
  test(`${scenario.id}: doctor on the gateway config says ${scenario.expect.code ?? 'healthy'}`, async () => {
    const processor = await startProcessor(scenario);
    try {
      const config = parseGatewayConfig({ processors: [gatewayProcessorConfig(processor)] }).processors[0]!;
      const report = await diagnoseProcessor(config);
      expect(report.code, `${scenario.id}: doctor said ${report.code ?? 'healthy'} (${report.tls.detail}). Reproduce: npx gatecheck serve ${scenario.id}`).toBe(scenario.expect.code);
    } finally {
      await processor.close();
    }
  });
}
