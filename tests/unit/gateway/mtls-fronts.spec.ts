import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { cert, closeAll, gateway, gatewayConfig, httpsFake, key, onClose, pay, processorConfig } from './helpers.ts';

test.afterEach(closeAll);

const client = (id: string) => ({ certFile: cert(id), keyFile: key(id) });

/** `openssl s_server -Verify 1 -verify_return_error`: the real TLS alerts Node's server never sends. */
async function opensslFront(version: 'tls1_2' | 'tls1_3'): Promise<string> {
  const child = spawn('openssl', [
    's_server', '-accept', '127.0.0.1:0', '-www', `-${version}`,
    '-cert', cert('server-good'), '-key', key('server-good'), '-cert_chain', cert('intermediate-ca'),
    '-CAfile', cert('client-ca'), '-Verify', '1', '-verify_return_error',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onClose(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ACCEPT .*:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error(`openssl s_server exited: ${out}`)));
  });
  return `https://localhost:${port}`;
}

const alertRows: [string, 'tls1_2' | 'tls1_3', string | null, string][] = [
  ['TLS 1.2, client certificate from an unknown CA (alert unknown_ca)', 'tls1_2', 'client-untrusted', 'TLS_CLIENT_CERT_REJECTED'],
  ['TLS 1.3, client certificate from an unknown CA (alert after the handshake)', 'tls1_3', 'client-untrusted', 'TLS_CLIENT_CERT_REJECTED'],
  ['TLS 1.2, serverAuth-only client certificate (alert unsupported_certificate)', 'tls1_2', 'client-server-eku', 'TLS_CLIENT_CERT_REJECTED'],
  ['TLS 1.2, no client certificate (handshake_failure after key exchange)', 'tls1_2', null, 'TLS_CLIENT_CERT_REQUIRED'],
  ['TLS 1.3, no client certificate (certificate_required)', 'tls1_3', null, 'TLS_CLIENT_CERT_REQUIRED'],
];

for (const [what, version, clientCert, code] of alertRows) {
  test(`mtls openssl front: ${what} -> ${code}`, async () => {
    const url = await opensslFront(version);
    const gw = await gateway(gatewayConfig([processorConfig(url, { tls: clientCert ? client(clientCert) : {} })]));
    const reply = await pay(gw);
    expect(reply.body.error?.code, JSON.stringify(reply.body)).toBe(code);
    const health = await (await fetch(`${gw.url}/health?probe=true`)).json();
    expect(health.processors[0]).toMatchObject({ state: 'down', lastErrorCode: code });
  });
}

const nginxPage = (title: string) => `<html>\r\n<head><title>400 ${title}</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>${title}</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
const nginxRows: [string, string][] = [
  ['No required SSL certificate was sent', 'TLS_CLIENT_CERT_REQUIRED'],
  ['The SSL certificate error', 'TLS_CLIENT_CERT_REJECTED'],
];

for (const [title, code] of nginxRows) {
  test(`mtls nginx-style front: HTTP 400 "${title}" -> ${code}, not retried`, async () => {
    const fake = await httpsFake((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end(nginxPage(title));
    });
    const gw = await gateway(gatewayConfig([processorConfig(fake.url)]));
    const reply = await pay(gw);
    expect(reply.body.error?.code).toBe(code);
    expect(fake.requests).toHaveLength(1);
    // A handshake probe cannot see an HTTP-level rejection: it must not report the processor up.
    const health = await (await fetch(`${gw.url}/health?probe=true`)).json();
    expect(health.processors[0]).toMatchObject({ state: 'down', lastErrorCode: code });
  });
}
