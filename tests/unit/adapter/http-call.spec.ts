import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { httpCall } from '../../../tests/drivers/http-call.ts';

async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

test('httpCall sends the method, headers and body as given and reads status and body', async () => {
  const server = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, url: req.url, key: req.headers['idempotency-key'], length: req.headers['content-length'], body })));
  });
  try {
    const answer = await httpCall(`${server.url}/payments`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' }, body: '{"amount":1000,"note":"é"}', timeoutMs: 5000 });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ method: 'POST', url: '/payments', key: 'k-1', length: '27', body: '{"amount":1000,"note":"é"}' });
  } finally {
    await server.close();
  }
});

test('a redirect is an answer, not followed', async () => {
  const server = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
  try {
    expect((await httpCall(`${server.url}/health`, { timeoutMs: 5000 })).status).toBe(302);
  } finally {
    await server.close();
  }
});

test('no answer within the bound is GATEWAY_NO_ANSWER; nothing listening is GATEWAY_UNREACHABLE', async () => {
  const server = await serve(() => undefined);
  try {
    await expect(httpCall(`${server.url}/health`, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'GATEWAY_NO_ANSWER' });
  } finally {
    await server.close();
  }
  await expect(httpCall(`${server.url}/health`, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'GATEWAY_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') });
});
