import http from 'node:http';
import { HarnessError } from './harness-error.ts';

export type HttpCall = { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number };

/**
 * One request to the gateway under test over plain node:http, a fresh connection each time: no
 * redirects followed, no body decoding, nothing pooled past the gateway's stop. (fetch cost the
 * worker ~9% of its CPU: web streams, AbortSignal and undici's pool per call.)
 */
export function httpCall(url: string, { method = 'GET', headers = {}, body, timeoutMs }: HttpCall): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false });
    request.setTimeout(timeoutMs, () => request.destroy(new HarnessError('GATEWAY_NO_ANSWER', `the gateway did not answer ${method} ${url} within ${timeoutMs} ms; fix: check that it is not stuck (its log is attached to the test)`)));
    request.once('error', (error) => reject(error instanceof HarnessError ? error : new HarnessError('GATEWAY_UNREACHABLE', `${method} ${url} failed: ${(error as NodeJS.ErrnoException).code ?? error.message}; fix: check that the gateway listens on that address (its log is attached to the test)`)));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', (error) => request.destroy(error));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.end(body);
  });
}
