import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** certs/ at the project root, or GATECHECK_CERTS_DIR. */
export function certsDir(): string {
  return process.env.GATECHECK_CERTS_DIR
    ? path.resolve(process.env.GATECHECK_CERTS_DIR)
    : fileURLToPath(new URL('../../certs/', import.meta.url));
}

export const certFile = (id: string) => `${id}.pem`;
export const keyFile = (id: string) => `${id}.key`;
export const chainFile = (id: string) => `${id}.chain.pem`;
export const bundleFile = (id: string) => `bundle-${id}.pem`;
