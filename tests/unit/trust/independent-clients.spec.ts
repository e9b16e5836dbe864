import { expect, test } from '@playwright/test';
import { getProfile } from '../../../mocks/processors/index.ts';
import { getScenario } from '../../../mocks/scenarios/index.ts';
import { PING_PATH } from '../../../mocks/servers/http-app.ts';
import { startProcessor } from '../../../mocks/servers/start-processor.ts';
import { curlRequest, pythonRequest, type WireResult } from '../../support/wire-clients.ts';

/**
 * The network and HTTP fault mocks are what their scenarios say for clients nobody here wrote
 * (curl and Python), as the TLS mocks are (tests/unit/scenario-mocks.spec.ts). A broken mock is
 * caught here, not blamed on the gateway.
 */

type Expect = { curl: RegExp; python: RegExp };
// curl exit codes: 7 refused, 28 timeout, 35 TLS connect error, 56 receive failure (reset), 18 partial, 1/8 bad reply.
const network: Record<string, Expect & { path?: string }> = {
  'network.connection-refused': { curl: /^exit 7$/, python: /^ConnectionRefusedError$/ },
  'network.connect-hangs': { curl: /^exit 28$/, python: /^(TimeoutError|timeout)$/ },
  'network.reset-at-accept': { curl: /^exit (7|35|56)$/, python: /^(ConnectionResetError|SSLError|SSLEOFError|SSLZeroReturnError)$/ },
  'network.reset-mid-response': { curl: /^exit 56$/, python: /^(ConnectionResetError|IncompleteRead)$/ },
  'network.close-after-headers': { curl: /^exit 18$/, python: /^IncompleteRead$/ },
  'network.garbage-instead-of-http': { curl: /^exit (1|8)$/, python: /^(BadStatusLine|RemoteDisconnected|LineTooLong)$/ },
};

for (const [id, want] of Object.entries(network)) {
  test(`${id}: curl and python see the fault the scenario names`, async () => {
    const processor = await startProcessor(getScenario(id));
    try {
      const results: WireResult[] = [await curlRequest(processor.url, processor.client, { path: PING_PATH }), await pythonRequest(processor.url, processor.client, { path: PING_PATH })];
      for (const r of results) {
        const pattern = r.client === 'curl' ? want.curl : want.python;
        expect(r.error ?? `HTTP ${r.status}`, `${id}: ${r.client}: ${r.detail}`).toMatch(pattern);
      }
      // A reset mid-body must read as a reset to curl, not as a clean close.
      if (id === 'network.reset-mid-response') expect(results[0]!.detail).toMatch(/reset/i);
    } finally {
      await processor.close();
    }
  });
}

const httpStatus: Record<string, number> = {
  'http.bad-gateway-502': 502,
  'http.unavailable-503-no-retry-after': 503,
  'http.rate-limited-persistent': 429,
  'http.html-error-page': 503,
  'http.error-in-200': 200,
};

for (const [id, status] of Object.entries(httpStatus)) {
  test(`${id}: curl and python get HTTP ${status} on the payment route`, async () => {
    const scenario = getScenario(id);
    const processor = await startProcessor(scenario);
    try {
      const path = getProfile(processor.profile).paymentRoute.path;
      for (const r of [await curlRequest(processor.url, processor.client, { method: 'POST', path, body: '{}' }), await pythonRequest(processor.url, processor.client, { method: 'POST', path, body: '{}' })]) {
        expect({ client: r.client, status: r.status, error: r.error }, r.detail).toEqual({ client: r.client, status, error: null });
      }
    } finally {
      await processor.close();
    }
  });
}
