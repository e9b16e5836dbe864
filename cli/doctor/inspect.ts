import type { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { peerChain } from '../../gateway/index.ts';

/** What the server negotiates with a client that accepts anything: for the report, never for the verdict. */
export type Inspection = { chain: X509Certificate[]; protocol: string | null; cipher: string | null };

export type InspectTarget = {
  host: string;
  port: number;
  servername: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  passphrase: string | undefined;
};

/**
 * A second, unverified handshake that only reads the chain as served (and which version and
 * cipher the server picks when every version is allowed), then closes. It writes no application
 * byte: it runs after the verified connection failed, so the report can show what was served.
 */
export function inspectServer(target: InspectTarget, timeoutMs: number): Promise<Inspection | null> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: target.servername,
      cert: target.cert,
      key: target.key,
      passphrase: target.passphrase,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.3',
      ciphers: 'DEFAULT:@SECLEVEL=0',
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    });
    const finish = (result: Inspection | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.on('error', () => {
      // A TLS 1.2 client-certificate alert arrives after the server sent its chain: keep what came.
      let chain: X509Certificate[] = [];
      try {
        chain = peerChain(socket);
      } catch {
        chain = [];
      }
      finish(chain.length ? { chain, protocol: null, cipher: null } : null);
    });
    socket.once('secureConnect', () => finish({ chain: peerChain(socket), protocol: socket.getProtocol(), cipher: socket.getCipher()?.name ?? null }));
  });
}
