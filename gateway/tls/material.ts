import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import type { ProcessorConfig } from '../config.ts';
import { GatewayBootError } from '../errors.ts';

const DAY_MS = 86_400_000;

/** What boot checks read from disk for one processor: the inputs of its TLS options. */
export type TlsMaterial = {
  /** CA certificates (PEM, one per entry); undefined = Node's bundled root store. */
  ca: string[] | undefined;
  /** Client certificate chain (PEM) and its decrypted key, when mutual TLS is configured. */
  cert: string | undefined;
  /** The key as configured (PEM, possibly encrypted) and its passphrase: handed to OpenSSL as is. */
  key: string | undefined;
  passphrase: string | undefined;
  clientCert: X509Certificate | undefined;
};

export type BootWarning = { code: string; field: string; message: string; file?: string };

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export const splitPemCertificates = (text: string): string[] => text.match(PEM_CERT) ?? [];

export function describeSubject(cert: X509Certificate): string {
  return cert.subject.split('\n').join(', ');
}

export const daysUntil = (date: string | Date, now: number): number =>
  Math.floor((new Date(date).getTime() - now) / DAY_MS);

function read(file: string, onError: (error: NodeJS.ErrnoException) => never): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return onError(error as NodeJS.ErrnoException);
  }
}

function loadCaBundle(field: string, file: string, now: number, warnings: BootWarning[]): string[] {
  const fail = (why: string): never => {
    throw new GatewayBootError('CONFIG_CA_BUNDLE_UNREADABLE', field, `${field} (${file}): ${why}. Fix: point ${field} at a readable PEM file holding the processor's root CA certificate(s).`, file);
  };
  const text = read(file, (e) => fail(`cannot read the CA bundle (${e.code ?? e.message})`));
  const blocks = splitPemCertificates(text);
  if (blocks.length === 0) fail('the CA bundle holds no PEM certificate (empty, DER or not a certificate file)');
  blocks.forEach((pem, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (error) {
      return fail(`certificate #${i + 1} in the CA bundle does not parse (${(error as Error).message})`);
    }
    if (Date.parse(cert.validTo) < now) {
      warnings.push({ code: 'CONFIG_CA_BUNDLE_UNREADABLE', field, file, message: `${field} (${file}): CA certificate "${describeSubject(cert)}" expired on ${new Date(cert.validTo).toISOString()}; chains that end only there will fail with TLS_CERT_EXPIRED. Fix: refresh the CA bundle.` });
    }
  });
  return blocks;
}

function isEncryptedPem(pem: string): boolean {
  return /BEGIN ENCRYPTED PRIVATE KEY/.test(pem) || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
}

function loadClientCertificate(processor: ProcessorConfig, index: number, now: number, warnings: BootWarning[]) {
  const certField = `processors[${index}].tls.certFile`;
  const keyField = `processors[${index}].tls.keyFile`;
  const passField = `processors[${index}].tls.passphrase`;
  const certFile = processor.tls.certFile!;
  const keyFile = processor.tls.keyFile!;
  const unreadable = (field: string, file: string, why: string): never => {
    throw new GatewayBootError('CONFIG_CLIENT_CERT_UNREADABLE', field, `${field} (${file}): ${why}. Fix: point ${field} at a readable PEM file.`, file);
  };
  const certText = read(certFile, (e) => unreadable(certField, certFile, `cannot read the client certificate (${e.code ?? e.message})`));
  const blocks = splitPemCertificates(certText);
  if (blocks.length === 0) unreadable(certField, certFile, 'the file holds no PEM certificate');
  let clientCert: X509Certificate;
  try {
    clientCert = new X509Certificate(blocks[0]!);
  } catch (error) {
    return unreadable(certField, certFile, `the client certificate does not parse (${(error as Error).message})`);
  }
  const keyPem = read(keyFile, (e) => unreadable(keyField, keyFile, `cannot read the client private key (${e.code ?? e.message})`));
  const passphrase = processor.tls.passphrase;
  if (isEncryptedPem(keyPem) && passphrase === undefined) {
    throw new GatewayBootError('CONFIG_CLIENT_KEY_PASSPHRASE', passField, `${keyField} (${keyFile}) is encrypted and ${passField} is not set. Fix: set ${passField} (for example { "env": "CLIENT_KEY_PASSPHRASE" }).`, keyFile);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase === undefined ? { key: keyPem } : { key: keyPem, passphrase });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (isEncryptedPem(keyPem) || /bad decrypt|interrupted or cancelled|passphrase/i.test(e.message)) {
      throw new GatewayBootError('CONFIG_CLIENT_KEY_PASSPHRASE', passField, `${passField} does not decrypt ${keyField} (${keyFile}): wrong passphrase. Fix: set the passphrase the key was encrypted with.`, keyFile);
    }
    return unreadable(keyField, keyFile, `the client private key does not parse (${e.code ?? e.message})`);
  }
  if (!clientCert.checkPrivateKey(key)) {
    throw new GatewayBootError('CONFIG_CLIENT_KEY_MISMATCH', keyField, `${keyField} (${keyFile}) is not the private key of the certificate in ${certField} (${certFile}). Fix: deploy the key that was generated with this certificate's CSR, or the certificate issued for this key.`, keyFile);
  }
  const notAfter = Date.parse(clientCert.validTo);
  const days = daysUntil(clientCert.validTo, now);
  const horizon = processor.tls.minClientCertDays;
  if (notAfter <= now) {
    throw new GatewayBootError('CONFIG_CLIENT_CERT_EXPIRED', certField, `${certField} (${certFile}): the client certificate "${describeSubject(clientCert)}" expired on ${new Date(notAfter).toISOString()}. Fix: renew it with the processor and deploy the new certificate and key.`, certFile);
  }
  if (notAfter - now < horizon * DAY_MS) {
    throw new GatewayBootError('CONFIG_CLIENT_CERT_EXPIRED', certField, `${certField} (${certFile}): the client certificate expires on ${new Date(notAfter).toISOString()} (in ${days} days), within tls.minClientCertDays (${horizon}). Fix: renew it now, or lower minClientCertDays knowingly.`, certFile);
  }
  if (days < 30) {
    warnings.push({ code: 'CONFIG_CLIENT_CERT_EXPIRED', field: certField, file: certFile, message: `${certField} (${certFile}): the client certificate expires in ${days} days (${new Date(notAfter).toISOString()}). Fix: renew it before then.` });
  }
  if (Date.parse(clientCert.validFrom) > now) {
    warnings.push({ code: 'CONFIG_CLIENT_CERT_EXPIRED', field: certField, file: certFile, message: `${certField} (${certFile}): the client certificate is not valid before ${new Date(clientCert.validFrom).toISOString()}; check the clock.` });
  }
  return { cert: certText, clientCert, keyPem };
}

const versionRank: Record<string, number> = { TLSv1: 0, 'TLSv1.1': 1, 'TLSv1.2': 2, 'TLSv1.3': 3 };
const INSECURE_CIPHERS = /@SECLEVEL=0|(^|[:,\s!+-])(a|e)?NULL|EXPORT|(^|[:,\s])RC4|(^|[:,\s])DES(-|:|$)|MD5/i;

function checkPolicy(processor: ProcessorConfig, index: number): void {
  const field = (name: string) => `processors[${index}].tls.${name}`;
  const { minVersion, maxVersion, ciphers, minKeyBits } = processor.tls;
  if (versionRank[minVersion]! < 2) {
    throw new GatewayBootError('CONFIG_INSECURE_TLS', field('minVersion'), `${field('minVersion')} is ${minVersion}; TLS below 1.2 is not allowed (PCI DSS 4.2.1). Fix: set it to "TLSv1.2" or "TLSv1.3".`);
  }
  if (versionRank[maxVersion]! < versionRank[minVersion]!) {
    throw new GatewayBootError('CONFIG_INVALID', field('maxVersion'), `${field('maxVersion')} (${maxVersion}) is below minVersion (${minVersion}). Fix: make maxVersion >= minVersion.`);
  }
  if (ciphers !== undefined && INSECURE_CIPHERS.test(ciphers)) {
    throw new GatewayBootError('CONFIG_INSECURE_TLS', field('ciphers'), `${field('ciphers')} enables insecure suites or lowers the OpenSSL security level ("${ciphers}"). Fix: remove NULL/EXPORT/RC4/DES/MD5 and @SECLEVEL=0, or leave ciphers out.`);
  }
  if (minKeyBits < 2048) {
    throw new GatewayBootError('CONFIG_INSECURE_TLS', field('minKeyBits'), `${field('minKeyBits')} is ${minKeyBits}; RSA keys below 2048 bits are not strong cryptography (PCI DSS 4.2.1). Fix: set 2048 or more.`);
  }
}

/**
 * Boot checks for one processor's TLS: policy, CA bundle, client certificate and key. Throws a
 * GatewayBootError naming the field and file; returns the loaded material and any warnings.
 */
/** Reads one processor's TLS material at boot (a construction seam: GatewayParts.tlsMaterial). */
export type TlsMaterialPart = (processor: ProcessorConfig, index: number, now: number) => { material: TlsMaterial; warnings: BootWarning[] };

export function loadTlsMaterial(processor: ProcessorConfig, index: number, now: number): { material: TlsMaterial; warnings: BootWarning[] } {
  const warnings: BootWarning[] = [];
  checkPolicy(processor, index);
  const ca = processor.tls.caFile ? loadCaBundle(`processors[${index}].tls.caFile`, processor.tls.caFile, now, warnings) : undefined;
  const client = processor.tls.certFile ? loadClientCertificate(processor, index, now, warnings) : undefined;
  if (processor.profile === 'visa' && !client) {
    warnings.push({ code: 'TLS_CLIENT_CERT_REQUIRED', field: `processors[${index}].tls.certFile`, message: `processors[${index}] (visa) has no client certificate; Visa requires mutual TLS, so payments will fail with TLS_CLIENT_CERT_REQUIRED. Fix: set tls.certFile and tls.keyFile.` });
  }
  try {
    tls.createSecureContext({
      ca,
      cert: client?.cert,
      key: client?.keyPem,
      passphrase: client ? processor.tls.passphrase : undefined,
      minVersion: processor.tls.minVersion as tls.SecureVersion,
      maxVersion: processor.tls.maxVersion as tls.SecureVersion,
      ciphers: processor.tls.ciphers,
    });
  } catch (error) {
    const message = (error as Error).message;
    const field = /cipher/i.test(message) ? 'ciphers' : 'certFile';
    throw new GatewayBootError('CONFIG_INVALID', `processors[${index}].tls.${field}`, `processors[${index}].tls: OpenSSL refuses this TLS setup (${message}). Fix: correct processors[${index}].tls.${field}.`);
  }
  return {
    material: { ca, cert: client?.cert, key: client?.keyPem, passphrase: client ? processor.tls.passphrase : undefined, clientCert: client?.clientCert },
    warnings,
  };
}
