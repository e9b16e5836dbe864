import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPki } from '../../../mocks/pki/load.ts';
import { CLIENT_KEY_PASSPHRASE } from '../../../mocks/pki/specs.ts';

/** Reference-gateway configs for audit tests, written to a temp dir, with certificates from the test PKI. */
export const pki = loadPki();
export const PASSPHRASE_VAR = 'GATECHECK_AUDIT_TEST_PASSPHRASE';
export const env = { [PASSPHRASE_VAR]: CLIENT_KEY_PASSPHRASE };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A config with nothing wrong: Stripe (server verification only), Visa with a plain client key,
 * Visa with an encrypted key whose passphrase comes from the environment; sandbox hosts and a test key.
 */
export function goodConfig(): Json {
  const ca = pki.bundlePath('trust-current');
  return {
    processors: [
      { name: 'stripe', profile: 'stripe', baseUrl: 'https://api.stripe.com', credentials: { secretKey: 'sk_test_gatecheck_51Mock' }, tls: { caFile: ca } },
      {
        name: 'visa', profile: 'visa', baseUrl: 'https://sandbox.api.visa.com', credentials: { username: 'gatecheck', password: 'secret' },
        tls: { caFile: ca, certFile: pki.certPath('client-good'), keyFile: pki.keyPath('client-good') },
      },
      {
        name: 'visa-encrypted', profile: 'visa', baseUrl: 'https://sandbox.api.visa.com', credentials: { username: 'gatecheck', password: 'secret' },
        tls: { caFile: ca, certFile: pki.certPath('client-encrypted'), keyFile: pki.keyPath('client-encrypted'), passphrase: { env: PASSPHRASE_VAR } },
      },
    ],
  };
}

/** A temp dir for config files and planted files; `remove()` in a finally or afterEach. */
export function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-audit-'));
  return {
    dir,
    write(name: string, content: string | object): string {
      const file = path.join(dir, name);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
