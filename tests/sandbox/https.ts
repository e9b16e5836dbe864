import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { SandboxTls } from './env.ts';

export type WireRequest = { method: 'POST'; path: string; headers: Record<string, string>; body: string };
export type WireResponse = { status: number; headers: Record<string, string>; body: string };

/** A real sandbox can be slow; a hung one must not hang the night. */
const TIMEOUT_MS = 20_000;

/** `https://host/base` + `/v71/payments`: the base URL's own path is kept as a prefix. */
export function joinUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  return new URL(`${base.pathname.replace(/\/+$/, '')}${path}`, base);
}

/**
 * One HTTPS request with full verification: the system roots plus GATECHECK_SANDBOX_CA, TLS
 * 1.2 or later, visa's client certificate, no connection reuse. There is no insecure switch.
 */
export function send(baseUrl: string, request: WireRequest, tlsMaterial: SandboxTls): Promise<WireResponse> {
  const url = joinUrl(baseUrl, request.path);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: request.method,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        agent: false,
        minVersion: 'TLSv1.2',
        rejectUnauthorized: true,
        ...(tlsMaterial.ca ? { ca: [...rootCertificates, tlsMaterial.ca] } : {}),
        ...(tlsMaterial.cert ? { cert: tlsMaterial.cert } : {}),
        ...(tlsMaterial.key ? { key: tlsMaterial.key } : {}),
        ...(tlsMaterial.passphrase ? { passphrase: tlsMaterial.passphrase } : {}),
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${TIMEOUT_MS} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => reject(new Error(`${request.method} ${url.host}${url.pathname} failed: ${error.code ?? ''} ${error.message}`.trim())));
    req.end(request.body);
  });
}
