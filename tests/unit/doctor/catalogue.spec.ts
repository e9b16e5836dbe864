import { expect, test } from '@playwright/test';
import { scenarios } from '../../../mocks/scenarios/index.ts';
import { startProcessor } from '../../../mocks/servers/start-processor.ts';
import { doctor } from '../../../cli/doctor/diagnose.ts';
import { doctorOptions } from './material.ts';

/**
 * Doctor agrees with the catalogue: for every tls/mtls scenario, doctor given that scenario's
 * client material names exactly the scenario's expected code (healthy for "ok" scenarios), and
 * sends nothing that reaches the processor application unless the connection is healthy.
 */
const catalogue = scenarios.filter((s) => s.family === 'tls' || s.family === 'mtls');
// A hung handshake must be reported well inside a test's time: bound every step at 1 s.
const TIMEOUT_MS = 1000;

test('the catalogue has tls and mtls scenarios to agree with', () => {
  expect(catalogue.filter((s) => s.family === 'tls').length).toBeGreaterThan(0);
  expect(catalogue.filter((s) => s.family === 'mtls').length).toBeGreaterThan(0);
});

for (const scenario of catalogue) {
  const expected = scenario.expect.code;
  test(`${scenario.id}: doctor says ${expected ?? 'healthy'}`, async () => {
    const processor = await startProcessor(scenario);
    try {
      const report = await doctor(doctorOptions(processor.url, processor.client, TIMEOUT_MS));
      expect(report.code, `${scenario.id}: doctor said ${report.code ?? 'healthy'} (${report.tls.detail}); expected ${expected ?? 'healthy'}. Reproduce: npx gatecheck serve ${scenario.id}`).toBe(expected);
      expect(report.ok).toBe(expected === null);
      expect(report.tls.durationMs).toBeLessThan(TIMEOUT_MS * 3);
      if (expected === null) {
        expect(report.fix).toBeNull();
        expect(report.tls).toMatchObject({ verified: true, hostnameMatch: true, stage: null });
        expect(report.chain.length).toBeGreaterThan(0);
        expect(report.tls.protocol).toMatch(/^TLSv1\.[23]$/);
        if (report.tls.clientCert.configured) expect(report.tls.clientCert.accepted).toBe(true);
        expect(processor.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
      } else {
        expect(report.summary.startsWith(`${expected}: `)).toBe(true);
        expect(report.fix, 'one plain sentence').toMatch(/^[A-Z`][^\n]*\.$/);
        expect(report.fix).not.toMatch(/\.\s+[A-Z]/);
        expect(processor.requests(), 'nothing reaches the processor application on a failed check').toEqual([]);
      }
    } finally {
      await processor.close();
    }
  });
}
