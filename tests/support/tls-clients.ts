import { execFile, spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import tls, { type PeerCertificate } from 'node:tls';
import { Agent, fetch } from 'undici';
import type { ClientMaterial } from '../../mocks/servers/client-material.ts';
import { PING_PATH } from '../../mocks/servers/http-app.ts';

/** What one client saw: reached the processor's HTTP (200 from the ping route) or not, and why. */
export type ClientResult = { client: 'node-fetch' | 'curl' | 'openssl'; ok: boolean; code: string | null; message: string };

const TIMEOUT_MS = 2500;
const portOf = (url: string) => Number(new URL(url).port);

/** The checks a careful client adds on top of Node's: SPKI pins and a key-size floor. */
function policyCheck(material: ClientMaterial, leaf: PeerCertificate & { issuerCertificate?: PeerCertificate }): Error | undefined {
  const chain: PeerCertificate[] = [];
  for (let c: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = leaf; c && !chain.includes(c); c = c.issuerCertificate) chain.push(c);
  const rsaTooSmall = chain.find((c) => c.modulus && (c.bits ?? 0) < material.minKeyBits);
  if (rsaTooSmall) return Object.assign(new Error(`RSA key of ${rsaTooSmall.bits} bits is below ${material.minKeyBits}`), { code: 'GATECHECK_WEAK_KEY' });
  if (material.pins.length) {
    // `pubkey` is the raw key (an EC point), not the SubjectPublicKeyInfo a pin hashes.
    const seen = chain.map((c) => spkiPinOf(new X509Certificate(c.raw)));
    if (!seen.some((pin) => material.pins.includes(pin))) return Object.assign(new Error('no certificate in the chain matches a pin'), { code: 'GATECHECK_PIN_MISMATCH' });
  }
  return undefined;
}

function deepestError(error: unknown): { code: string | null; message: string } {
  let e = error as { code?: string; message?: string; cause?: unknown } | undefined;
  let found = { code: null as string | null, message: String((error as Error)?.message ?? error) };
  while (e) {
    if (e.code) found = { code: e.code, message: e.message ?? found.message };
    else if (e.message) found = { code: found.code, message: `${found.message}: ${e.message}` };
    e = e.cause as typeof e;
  }
  return found;
}

/** Node's fetch through an undici Agent configured with the material. */
export async function nodeFetch(url: string, m: ClientMaterial): Promise<ClientResult> {
  let agent: Agent | undefined;
  try {
    agent = new Agent({
      connectTimeout: TIMEOUT_MS,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
      connect: {
        ...(m.ca ? { ca: readFileSync(m.ca) } : {}),
        ...(m.cert ? { cert: readFileSync(m.cert) } : {}),
        ...(m.key ? { key: readFileSync(m.key) } : {}),
        ...(m.passphrase ? { passphrase: m.passphrase } : {}),
        ...(m.ciphers ? { ciphers: m.ciphers } : {}),
        servername: isIP(m.servername) ? undefined : m.servername,
        minVersion: m.minVersion,
        maxVersion: m.maxVersion,
        rejectUnauthorized: true,
        checkServerIdentity: (_host: string, cert: PeerCertificate) => tls.checkServerIdentity(m.servername, cert) ?? policyCheck(m, cert),
      },
    });
    const response = await fetch(`${url}${PING_PATH}`, { dispatcher: agent, signal: AbortSignal.timeout(TIMEOUT_MS * 2) });
    const body = await response.text();
    return response.status === 200
      ? { client: 'node-fetch', ok: true, code: null, message: body }
      : { client: 'node-fetch', ok: false, code: `HTTP_${response.status}`, message: body };
  } catch (error) {
    return { client: 'node-fetch', ok: false, ...deepestError(error) };
  } finally {
    await agent?.destroy().catch(() => undefined);
  }
}

const curlVersionFlag = { TLSv1: '--tlsv1.0', 'TLSv1.1': '--tlsv1.1', 'TLSv1.2': '--tlsv1.2', 'TLSv1.3': '--tlsv1.3' } as const;
const curlMaxFlag = { TLSv1: '1.0', 'TLSv1.1': '1.1', 'TLSv1.2': '1.2', 'TLSv1.3': '1.3' } as const;

/** curl with the same material (pins as --pinnedpubkey, the key floor as OpenSSL's security level 2). */
export function curl(url: string, m: ClientMaterial): Promise<ClientResult> {
  const port = portOf(url);
  const args = ['-sS', '--http1.1', '--max-time', String(TIMEOUT_MS / 1000), '-o', '-', '-w', '\n%{http_code}'];
  args.push('--resolve', `${m.servername}:${port}:127.0.0.1`, curlVersionFlag[m.minVersion], '--tls-max', curlMaxFlag[m.maxVersion]);
  if (m.ca) args.push('--cacert', m.ca);
  if (m.cert) args.push('--cert', m.cert);
  if (m.key) args.push('--key', m.key, '--pass', m.passphrase ?? '');
  if (m.pins.length) args.push('--pinnedpubkey', m.pins.map((p) => p.replace('sha256/', 'sha256//')).join(';'));
  const seclevel = m.minKeyBits >= 2048 ? ':@SECLEVEL=2' : '';
  if (m.ciphers || seclevel) args.push('--ciphers', `${m.ciphers ?? 'DEFAULT'}${seclevel}`);
  args.push(`https://${isIP(m.servername) ? '127.0.0.1' : m.servername}:${port}${PING_PATH}`);
  return new Promise((resolve) => {
    execFile('curl', args, { timeout: TIMEOUT_MS * 2 }, (error, stdout, stderr) => {
      const status = stdout.trim().split('\n').pop();
      if (!error && status === '200') return resolve({ client: 'curl', ok: true, code: null, message: stdout });
      const exit = (error as { code?: number } | null)?.code;
      resolve({ client: 'curl', ok: false, code: error ? `CURL_EXIT_${exit}` : `HTTP_${status}`, message: `${stderr}${stdout}`.trim() });
    });
  });
}

const opensslNoFlag = { TLSv1: '-no_tls1', 'TLSv1.1': '-no_tls1_1', 'TLSv1.2': '-no_tls1_2', 'TLSv1.3': '-no_tls1_3' } as const;
const versionOrder = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

function spkiPinOf(cert: X509Certificate): string {
  return `sha256/${createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64')}`;
}

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function runOpenssl(args: string[], input: string | null): Promise<{ exit: number | null; timedOut: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    child.on('close', (exit, signal) => {
      clearTimeout(timer);
      resolve({ exit, timedOut: signal !== null, out });
    });
  });
}

/**
 * `openssl s_client -verify_return_error`, sending one HTTP request over the connection. s_client
 * cannot check pins, so with pins it first handshakes without sending anything, checks the
 * served chain, and only then sends the request (as a pinning client must).
 */
export async function opensslClient(url: string, m: ClientMaterial): Promise<ClientResult> {
  const args = ['s_client', '-connect', `127.0.0.1:${portOf(url)}`, '-verify_return_error', '-showcerts', '-alpn', 'http/1.1'];
  if (!isIP(m.servername)) args.push('-servername', m.servername, '-verify_hostname', m.servername);
  else args.push('-verify_ip', m.servername);
  if (m.ca) args.push('-CAfile', m.ca);
  if (m.cert) args.push('-cert', m.cert);
  if (m.key) args.push('-key', m.key, '-pass', `pass:${m.passphrase ?? ''}`);
  if (m.ciphers) args.push('-cipher', m.ciphers);
  if (m.minKeyBits >= 2048) args.push('-auth_level', '2');
  for (const v of versionOrder) {
    if (versionOrder.indexOf(v) < versionOrder.indexOf(m.minVersion) || versionOrder.indexOf(v) > versionOrder.indexOf(m.maxVersion)) args.push(opensslNoFlag[v]);
  }
  const failed = (run: { exit: number | null; timedOut: boolean; out: string }): ClientResult => {
    if (run.timedOut) return { client: 'openssl', ok: false, code: 'OPENSSL_TIMEOUT', message: run.out.slice(-400) };
    const reason = /(verify error:[^\n]*|alert [^\n:]*|error:[^\n]*)/.exec(run.out)?.[1] ?? run.out.slice(-300);
    return { client: 'openssl', ok: false, code: `OPENSSL_EXIT_${run.exit}`, message: reason.trim() };
  };
  if (m.pins.length) {
    const handshake = await runOpenssl(args, null);
    if (handshake.exit !== 0 || handshake.timedOut) return failed(handshake);
    const served = pemBlocks(handshake.out).map((pem) => spkiPinOf(new X509Certificate(pem)));
    if (!served.some((pin) => m.pins.includes(pin))) return { client: 'openssl', ok: false, code: 'GATECHECK_PIN_MISMATCH', message: 'no served certificate matches a pin' };
  }
  const run = await runOpenssl([...args, '-ign_eof'], `GET ${PING_PATH} HTTP/1.1\r\nHost: ${m.servername}\r\nConnection: close\r\n\r\n`);
  if (run.exit !== 0 || run.timedOut || !/HTTP\/1\.1 200/.test(run.out)) return failed(run);
  return { client: 'openssl', ok: true, code: null, message: 'HTTP/1.1 200' };
}
