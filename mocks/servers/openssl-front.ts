import { spawn } from 'node:child_process';
import type { Pki } from '../pki/load.ts';
import type { ServerTls } from '../scenarios/schema.ts';
import { opensslReason } from './openssl-reason.ts';
import { connectionRecord, type BoundedLog, type ConnectionRecord } from './records.ts';

export type OpensslFront = { port: number; close(): Promise<void> };

const versionFlag = { TLSv1: 'tls1', 'TLSv1.1': 'tls1_1', 'TLSv1.2': 'tls1_2', 'TLSv1.3': 'tls1_3' } as const;
const order = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

/**
 * `openssl s_server -Verify 1 -verify_return_error`: where a real TLS alert is the point (Node's
 * TLS server checks client certificates after the handshake and closes without one). It answers
 * a verified client with its status page; it has no processor API behind it.
 */
export async function startOpensslFront(spec: ServerTls, pki: Pki, records: BoundedLog<ConnectionRecord>, port = 0): Promise<OpensslFront> {
  if (spec.clientCert.mode !== 'openssl-alert') throw new Error('gatecheck: the openssl front is only for openssl-alert client-certificate scenarios');
  const issuer = pki.entry(spec.cert).issuer;
  const args = [
    's_server', '-accept', `127.0.0.1:${port}`, '-www',
    '-cert', pki.certPath(spec.cert), '-key', pki.keyPath(spec.cert),
    '-CAfile', pki.certPath(spec.clientCert.trust), '-Verify', '1', '-verify_return_error',
  ];
  if (spec.chain === 'full' && issuer && pki.entry(issuer).role === 'intermediate') args.push('-cert_chain', pki.certPath(issuer));
  for (const v of order) {
    if (order.indexOf(v) < order.indexOf(spec.minVersion) || order.indexOf(v) > order.indexOf(spec.maxVersion)) args.push(`-no_${versionFlag[v]}`);
  }
  const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const boundPort = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gatecheck: openssl s_server did not start: ${out}`)), 5000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ACCEPT .*:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gatecheck: openssl s_server exited (${code}): ${out}`)));
  });
  const onLog = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      // One SSL-routines error line per failed handshake; the verify detail comes on lines before it.
      if (!/:error:[0-9A-F]+:SSL routines:/.test(line)) continue;
      const reason = opensslReason(line);
      connectionRecord(records, { handshake: 'failed', failure: /did not return/.test(reason) ? 'client-cert-missing' : 'client-cert-rejected', error: reason });
    }
  };
  child.stdout.on('data', onLog);
  child.stderr.on('data', onLog);
  return {
    port: boundPort,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
