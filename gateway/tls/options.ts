import net from 'node:net';
import tls from 'node:tls';
import type { ProcessorConfig } from '../config.ts';
import type { TlsMaterial } from './material.ts';

export type TlsOptionsPart = (processor: ProcessorConfig, material: TlsMaterial) => tls.ConnectionOptions;

/** The host name the certificate must name: tls.servername, else the base URL's host. */
export function expectedServername(processor: ProcessorConfig): string {
  return processor.tls.servername ?? new URL(processor.baseUrl).hostname.replace(/^\[|\]$/g, '');
}

/**
 * Node TLS options for one processor: its CA bundle (or Node's roots), client certificate, version
 * range, ciphers, SNI and ALPN. Verification is always on; the gateway's own key, digest and pin
 * policy runs separately (verifyPeer) before any request byte is written.
 */
export const tlsOptions: TlsOptionsPart = (processor, material) => {
  const servername = expectedServername(processor);
  return {
    ca: material.ca,
    cert: material.cert,
    key: material.key,
    passphrase: material.passphrase,
    minVersion: processor.tls.minVersion as tls.SecureVersion,
    maxVersion: processor.tls.maxVersion as tls.SecureVersion,
    ciphers: processor.tls.ciphers,
    // SNI is only for names; an IP literal is still checked against the certificate's IP SANs.
    servername: net.isIP(servername) ? undefined : servername,
    ALPNProtocols: ['http/1.1'],
    rejectUnauthorized: true,
    checkServerIdentity: (_host, cert) => tls.checkServerIdentity(servername, cert),
  };
};
