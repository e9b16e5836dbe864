import { execFile } from 'node:child_process';
import { isIP } from 'node:net';
import type { ClientMaterial } from '../../mocks/servers/client-material.ts';

/**
 * Clients nobody here wrote, for the network and HTTP fault mocks: what curl and Python's
 * http.client see of one request. A mock that breaks the wire differently from what its scenario
 * says would otherwise be blamed on the gateway.
 */
export type WireResult = { client: 'curl' | 'python'; status: number | null; error: string | null; detail: string };

const TIMEOUT_S = 3;

export function curlRequest(url: string, m: ClientMaterial, options: { method?: string; path: string; body?: string }): Promise<WireResult> {
  const target = new URL(url);
  const host = isIP(m.servername) ? '127.0.0.1' : m.servername;
  const args = ['-sS', '--http1.1', '--max-time', String(TIMEOUT_S), '--connect-timeout', String(TIMEOUT_S), '-o', '/dev/null', '-w', '%{http_code}'];
  args.push('--resolve', `${m.servername}:${target.port}:127.0.0.1`);
  if (m.ca) args.push('--cacert', m.ca);
  if (m.cert) args.push('--cert', m.cert);
  if (m.key) args.push('--key', m.key, '--pass', m.passphrase ?? '');
  if (options.method) args.push('-X', options.method);
  if (options.body !== undefined) args.push('-H', 'content-type: application/json', '--data-binary', options.body);
  args.push(`https://${host}:${target.port}${options.path}`);
  return new Promise((resolve) => {
    execFile('curl', args, { timeout: (TIMEOUT_S + 3) * 1000 }, (error, stdout, stderr) => {
      const status = Number(stdout.trim()) || null;
      const exit = (error as { code?: number } | null)?.code;
      resolve({ client: 'curl', status, error: error ? `exit ${exit}` : null, detail: stderr.trim() });
    });
  });
}

const PYTHON = `
import http.client, ssl, sys, json
host, port, servername, ca, cert, key, passphrase, method, path, body = sys.argv[1:11]
ctx = ssl.create_default_context(cafile=ca or None)
if cert: ctx.load_cert_chain(cert, key, passphrase or None)
class Conn(http.client.HTTPSConnection):
    def connect(self):
        import socket
        sock = socket.create_connection((host, int(port)), timeout=${TIMEOUT_S})
        self.sock = ctx.wrap_socket(sock, server_hostname=servername)
try:
    c = Conn(host, int(port), timeout=${TIMEOUT_S})
    c.request(method, path, body=body or None, headers={"content-type": "application/json"} if body else {})
    r = c.getresponse()
    r.read()
    print(json.dumps({"status": r.status, "error": None, "detail": ""}))
except Exception as e:
    print(json.dumps({"status": None, "error": type(e).__name__, "detail": str(e)}))
`;

export function pythonRequest(url: string, m: ClientMaterial, options: { method?: string; path: string; body?: string }): Promise<WireResult> {
  const port = new URL(url).port;
  const args = ['-c', PYTHON, '127.0.0.1', port, m.servername, m.ca ?? '', m.cert ?? '', m.key ?? '', m.passphrase ?? '', options.method ?? 'GET', options.path, options.body ?? ''];
  return new Promise((resolve) => {
    execFile('python3', args, { timeout: (TIMEOUT_S + 3) * 1000 }, (error, stdout, stderr) => {
      try {
        resolve({ client: 'python', ...(JSON.parse(stdout.trim()) as Omit<WireResult, 'client'>) });
      } catch {
        resolve({ client: 'python', status: null, error: `python failed (${(error as Error | null)?.message ?? 'no output'})`, detail: stderr.trim() });
      }
    });
  });
}
