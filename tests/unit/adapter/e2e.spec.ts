import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { copyInto, gatecheckIn, here, project } from './run-in.ts';

/**
 * A gateway with conventions of its own (foreign-gateway.mjs: INI config, POST /api/charges
 * answering 200, its own error body and codes, /healthz keyed by name, its own metric), wired by a
 * gatecheck.config.json alone (foreign-gateway.config.json), run as a user runs gatecheck: from
 * that folder, with the command relative to it.
 */
test('a foreign gateway wired by gatecheck.config.json alone: honoured, coarse, waived and not applicable rows', async () => {
  test.setTimeout(90_000);
  const p = project({});
  try {
    copyInto(p.dir, here('foreign-gateway.mjs'), 'foreign-gateway.mjs');
    copyInto(p.dir, here('foreign-gateway.config.json'), 'gatecheck.config.json');
    const grep = 'tls\\.(good-chain|expired-leaf|wrong-host|self-signed|untrusted-root):|http\\.adyen-refused:';
    const run = await gatecheckIn(p.dir, ['run', '--grep', grep, '--json']);
    expect(run.exit, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const rows = Object.fromEntries(report.scenarios.map((r: { id: string; verdict: string; reason: string | null; observed: string | null }) => [r.id, { verdict: r.verdict, reason: r.reason, observed: r.observed }]));
    expect(rows).toEqual({
      'http.adyen-refused': { verdict: 'not applicable', reason: 'the gateway integrates stripe; this scenario needs adyen', observed: null },
      'tls.expired-leaf': { verdict: 'honoured', reason: null, observed: 'TLS_CERT_EXPIRED' },
      'tls.good-chain': { verdict: 'honoured', reason: null, observed: '200' },
      'tls.self-signed': { verdict: 'honoured (coarse)', reason: 'honoured (coarse: TLS_HANDSHAKE_FAILED): this gateway reports every other TLS failure as one TLS_FAILURE code', observed: 'TLS_HANDSHAKE_FAILED' },
      'tls.untrusted-root': { verdict: 'waived', reason: 'an untrusted root reads as TLS_FAILURE here; tracked as PAY-123', observed: 'TLS_HANDSHAKE_FAILED' },
      'tls.wrong-host': { verdict: 'honoured', reason: null, observed: 'TLS_HOSTNAME_MISMATCH' },
    });
    expect(report).toMatchObject({ honoured: 3, coarse: 1, waived: 1, notApplicable: 1, breached: 0, errors: 0, gateway: 'declarative (gatecheck.config.json)' });
  } finally {
    p.remove();
  }
});

test('the same foreign gateway without its coarse code and waiver: the two scenarios breach with one line each, exit 1', async () => {
  test.setTimeout(90_000);
  const p = project({});
  try {
    copyInto(p.dir, here('foreign-gateway.mjs'), 'foreign-gateway.mjs');
    copyInto(p.dir, here('foreign-gateway.config.json'), 'strict.json');
    const config = JSON.parse(readFileSync(`${p.dir}/strict.json`, 'utf8'));
    writeFileSync(`${p.dir}/strict.json`, JSON.stringify({ ...config, coarse: [], waive: [] }));
    const run = await gatecheckIn(p.dir, ['run', '--config', 'strict.json', '--grep', 'tls\\.(self-signed|untrusted-root):']);
    expect(run.exit, run.stderr).toBe(1);
    expect(run.stdout).toContain('tls.self-signed: answered 502 TLS_HANDSHAKE_FAILED; ');
    expect(run.stdout).toMatch(/0 honoured, 2 breached in [\d.]+ s against the declarative \(strict\.json\) gateway/);
  } finally {
    p.remove();
  }
});

test('regression: a gateway that cannot start at all (its file moved) is one harness error, exit 2, not a "refused to start" breach per scenario', async () => {
  test.setTimeout(90_000);
  const p = project({});
  try {
    copyInto(p.dir, here('foreign-gateway.mjs'), 'foreign-gateway.mjs');
    copyInto(p.dir, here('foreign-gateway.config.json'), 'moved.json');
    const config = JSON.parse(readFileSync(`${p.dir}/moved.json`, 'utf8'));
    writeFileSync(`${p.dir}/moved.json`, JSON.stringify({ ...config, gateway: { ...config.gateway, command: 'node ./gateway-moved-away.mjs {config}' } }));
    const run = await gatecheckIn(p.dir, ['run', '--config', 'moved.json', '--family', 'tls']);
    expect(run.exit, run.stdout).toBe(2);
    expect(run.stderr).toMatch(/GATEWAY_DID_NOT_START: the declarative gateway did not start on the good path \(tls\.good-chain\), so no scenario can be judged: gateway exited \(1\) before it was ready: .*gateway-moved-away\.mjs/s);
    expect(run.stdout).not.toMatch(/breached|refused to start/);
  } finally {
    p.remove();
  }
});
