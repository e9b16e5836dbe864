import { join } from 'node:path';
import { test, type TestInfo } from '@playwright/test';
import { ADYEN_TEST_VISA } from '../../mocks/processors/cards.ts';
import { profiles, TEST_CARDS } from '../../mocks/processors/index.ts';
import type { SandboxTarget } from './env.ts';
import { driftMessage, findDrift, recordDrift, type SchemaName } from './drift.ts';
import { joinUrl, send, type WireRequest, type WireResponse } from './https.ts';
import { Redactor } from './redact.ts';

/** Where drift goes: `test-results/drift.json`, or beside the run's other output with `--output`. */
export const driftFile = (testInfo: TestInfo) => join(testInfo.project.outputDir, 'drift.json');

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One test's conversation with one sandbox. Every exchange is attached scrubbed (never raw) and
 * every answer is held to the schema the mock serves for the same request.
 */
export class SandboxSession {
  readonly redactor: Redactor;
  #exchanges = 0;

  constructor(
    readonly target: SandboxTarget,
    private readonly testInfo: TestInfo,
  ) {
    // The card numbers this tier sends are scrubbed by value too, not only by field name or Luhn check.
    this.redactor = new Redactor().add(...target.secrets, ...Object.values(TEST_CARDS), ADYEN_TEST_VISA);
  }

  /** Sends `request`, attaches it scrubbed, and answers the body once it matches `expect`; drift fails the test. */
  async call(request: WireRequest, expect: { schema: SchemaName; status: number }): Promise<unknown> {
    const profile = profiles[this.target.profile];
    const route = `${request.method} ${request.path}`;
    const schema = profile.schemas[expect.schema];
    if (!schema) throw new Error(`gatecheck: the ${profile.name} profile has no ${expect.schema} schema`);
    if (route === `${profile.paymentRoute.method} ${profile.paymentRoute.path}`) this.#holdToContract(request);

    return test.step(`${route}: expect HTTP ${expect.status}, ${expect.schema}`, async () => {
      const response = await send(this.target.baseUrl, request, this.target.tls);
      const body = parseJson(response.body);
      this.redactor.learn(body);
      await this.#attach(route, request, response);
      const drift = findDrift({
        profile: profile.name,
        route,
        test: this.testInfo.titlePath.slice(1).join(' > '),
        schemaName: expect.schema,
        schema,
        expectedStatus: expect.status,
        answer: { status: response.status, contentType: response.headers['content-type'] ?? '', body: response.body },
      });
      if (drift.length) {
        const file = driftFile(this.testInfo);
        recordDrift(file, drift);
        await this.testInfo.attach('drift', { body: JSON.stringify(drift, null, 2), contentType: 'application/json' });
        throw new Error(driftMessage(drift, file));
      }
      return body;
    }, { box: true });
  }

  /** What the sandbox tier sends must be what the mock's paymentRequest schema accepts, or the comparison means nothing. */
  #holdToContract(request: WireRequest): void {
    const profile = profiles[this.target.profile];
    const result = profile.schemas.paymentRequest.safeParse(profile.decodeBody(request.body));
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new Error(`gatecheck: the ${profile.name} sandbox client sends a body the mock would refuse (${issue.path.join('.')}: ${issue.message}); fix tests/sandbox/clients.ts`);
    }
  }

  async #attach(route: string, request: WireRequest, response: WireResponse): Promise<void> {
    const r = this.redactor;
    const url = joinUrl(this.target.baseUrl, request.path);
    const exchange = {
      request: { method: request.method, url: `${url.origin}${url.pathname}`, headers: r.headers(request.headers), body: r.body(request.body, request.headers['content-type']) },
      response: { status: response.status, headers: r.headers(response.headers), body: r.body(response.body, response.headers['content-type']) },
    };
    this.#exchanges += 1;
    await this.testInfo.attach(`${this.#exchanges}. ${route} (scrubbed)`, { body: JSON.stringify(exchange, null, 2), contentType: 'application/json' });
  }
}
