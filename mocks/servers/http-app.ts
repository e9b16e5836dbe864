import * as mockttp from 'mockttp';
import type { ProcessorProfile, ProfileOptions, ProfileState } from '../processors/profile.ts';
import type { Behaviour } from '../scenarios/schema.ts';
import { behave, stateOptions } from './behaviour.ts';
import { startMockttpOnLoopback } from './loopback-start.ts';
import type { BoundedLog, RequestRecord } from './records.ts';

/** Answered by the harness itself (and recorded like any request): a client can prove it reached HTTP. */
export const PING_PATH = '/__gatecheck/ping';

export type HttpApp = { port: number; state: ProfileState; close(): Promise<void> };

function flatHeaders(headers: mockttp.CompletedRequest['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * The HTTP half of a mock processor: mockttp on loopback, plain HTTP, answering with the
 * processor profile after the scenario's HTTP-level behaviour. Keeps a bounded record of every
 * request that reached it (mockttp's own unbounded recording is off).
 */
export async function startHttpApp(
  profile: ProcessorProfile,
  behaviour: Behaviour,
  requests: BoundedLog<RequestRecord>,
  options: ProfileOptions & { port?: number } = {},
): Promise<HttpApp> {
  const server = mockttp.getLocal({ recordTraffic: false, suggestChanges: false, cors: false });
  const state = profile.createState({ ...stateOptions(behaviour), ...options });
  const answer = behave(profile, behaviour, state);
  await server.forAnyRequest().always().thenCallback(async (req) => {
    const request = { method: req.method, path: req.path, headers: flatHeaders(req.headers), body: (await req.body.getText()) ?? '' };
    requests.push({ ...request, at: new Date().toISOString() });
    if (request.path === PING_PATH) return { statusCode: 200, json: { ok: true, profile: profile.name } };
    const response = await answer(request);
    if (response === 'reset') return 'reset';
    if (response === 'hang') return new Promise<never>(() => {});
    return { statusCode: response.status, headers: response.headers, body: response.body };
  });
  await startMockttpOnLoopback(server, options.port ?? 0);
  return { port: server.port, state, close: () => server.stop() };
}
