import { createPrivateKey, randomBytes, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { x509 } from './x509.ts';
import { bundleSpecs, certSpecs, type BundleSpec, type CertSpec, type KeySpec } from './specs.ts';
import { Manifest, MANIFEST_FILE, type ManifestEntry } from './manifest.ts';
import { bundleFile, certFile, certsDir, chainFile, keyFile } from './paths.ts';
import { describeKey, describeSignature } from './describe.ts';

const subtle = webcrypto.subtle;

const DAY_MS = 86_400_000;
const EKU_OID = { serverAuth: x509.ExtendedKeyUsage.serverAuth, clientAuth: x509.ExtendedKeyUsage.clientAuth };

type Issued = { spec: CertSpec; keys: CryptoKeyPair; cert: x509.X509Certificate; pem: string };

function keyAlgorithm(key: KeySpec): RsaHashedKeyGenParams | EcKeyGenParams {
  return key.type === 'ec'
    ? { name: 'ECDSA', namedCurve: key.curve }
    : { name: 'RSASSA-PKCS1-v1_5', modulusLength: key.bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
}

function signingAlgorithm(issuerKey: CryptoKey, hash: CertSpec['signatureHash']): Algorithm | EcdsaParams {
  return issuerKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash } : { name: 'RSASSA-PKCS1-v1_5' };
}

async function generateKeys(key: KeySpec): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(keyAlgorithm(key), true, ['sign', 'verify'])) as CryptoKeyPair;
}

function subjectName(spec: CertSpec): string {
  return `CN=${spec.commonName}, O=gatecheck test PKI`;
}

async function extensionsFor(spec: CertSpec, keys: CryptoKeyPair, issuerKeys: CryptoKeyPair): Promise<x509.Extension[]> {
  const isCa = spec.role === 'root' || spec.role === 'intermediate';
  const ext: x509.Extension[] = [
    new x509.BasicConstraintsExtension(isCa, undefined, true),
    new x509.KeyUsagesExtension(
      isCa ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (spec.issuer !== null || !isCa) ext.push(await x509.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey));
  if (spec.extKeyUsage.length) ext.push(new x509.ExtendedKeyUsageExtension(spec.extKeyUsage.map((u) => EKU_OID[u])));
  if (spec.sans.length) {
    ext.push(new x509.SubjectAlternativeNameExtension(spec.sans.map((value) => ({ type: isIP(value) ? ('ip' as const) : ('dns' as const), value }))));
  }
  return ext;
}

async function pemPrivateKey(key: CryptoKey, passphrase?: string): Promise<string> {
  const der = Buffer.from(await subtle.exportKey('pkcs8', key));
  const keyObject = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const pem = passphrase
    ? keyObject.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    : keyObject.export({ type: 'pkcs8', format: 'pem' });
  return pem.toString();
}

/** Issues every certificate in memory, issuers first, re-using keys where a spec says so. */
async function issueAll(specs: CertSpec[], now: Date): Promise<Map<string, Issued>> {
  const issued = new Map<string, Issued>();
  const byId = new Map(specs.map((s) => [s.id, s]));
  const issue = async (id: string): Promise<Issued> => {
    const done = issued.get(id);
    if (done) return done;
    const spec = byId.get(id);
    if (!spec) throw new Error(`gatecheck: certificate spec "${id}" is referenced but not defined in mocks/pki/specs.ts`);
    const keys = spec.sameKeyAs ? (await issue(spec.sameKeyAs)).keys : await generateKeys(spec.key);
    const issuer = spec.issuer ? await issue(spec.issuer) : null;
    const issuerKeys = issuer?.keys ?? keys;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomBytes(8).toString('hex').replace(/^[89a-f]/, '1'),
      subject: subjectName(spec),
      issuer: issuer ? subjectName(issuer.spec) : subjectName(spec),
      notBefore: new Date(now.getTime() + spec.notBeforeDays * DAY_MS),
      notAfter: new Date(now.getTime() + spec.notAfterDays * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: issuerKeys.privateKey,
      signingAlgorithm: signingAlgorithm(issuerKeys.privateKey, spec.signatureHash),
      extensions: await extensionsFor(spec, keys, issuerKeys),
    });
    const result = { spec, keys, cert, pem: cert.toString('pem') };
    issued.set(id, result);
    return result;
  };
  for (const spec of specs) await issue(spec.id);
  return issued;
}

/** The certificates served after `spec`'s own: explicit, or every issuer below the root. */
export function servedChainIds(spec: CertSpec, specs: CertSpec[] = certSpecs): string[] {
  if (spec.servedChain) return spec.servedChain;
  const ids: string[] = [];
  let issuerId = spec.issuer;
  while (issuerId) {
    const issuer = specs.find((s) => s.id === issuerId);
    if (!issuer || issuer.role === 'root') break;
    ids.push(issuer.id);
    issuerId = issuer.issuer;
  }
  return ids;
}

export type GenerateResult = { dir: string; manifest: Manifest; ms: number };

/**
 * Generates the whole test PKI into a temporary folder beside `dir`, then renames each file into
 * place, the manifest last: readers see either the old set or the new one.
 */
export async function generatePki(dir = certsDir(), specs = certSpecs, bundles: BundleSpec[] = bundleSpecs): Promise<GenerateResult> {
  const started = performance.now();
  const now = new Date();
  const issued = await issueAll(specs, now);

  const files = new Map<string, string>();
  const entries: ManifestEntry[] = [];
  for (const { spec, keys, pem } of issued.values()) {
    const keyPem = spec.mismatchedKey
      ? await pemPrivateKey((await generateKeys(spec.key)).privateKey, spec.passphrase)
      : await pemPrivateKey(keys.privateKey, spec.passphrase);
    files.set(certFile(spec.id), `${pem}\n`);
    files.set(keyFile(spec.id), keyPem);
    const chainIds = servedChainIds(spec, specs);
    const chained = spec.role !== 'root';
    if (chained) files.set(chainFile(spec.id), [pem, ...chainIds.map((id) => issued.get(id)!.pem)].join('\n') + '\n');
    const node = new NodeX509(pem);
    entries.push({
      id: spec.id,
      role: spec.role,
      issuer: spec.issuer,
      cert: certFile(spec.id),
      key: keyFile(spec.id),
      chain: chained ? chainFile(spec.id) : null,
      notBefore: new Date(node.validFrom).toISOString(),
      notAfter: new Date(node.validTo).toISOString(),
      keyType: describeKey(node),
      signature: describeSignature(pem),
      sans: spec.sans,
      extKeyUsage: spec.extKeyUsage,
      fingerprint256: node.fingerprint256,
      meantToBeValid: spec.meantToBeValid,
      passphrase: spec.passphrase ?? null,
      keyMatchesCert: !spec.mismatchedKey,
      purpose: spec.purpose,
    });
  }
  for (const bundle of bundles) {
    files.set(bundleFile(bundle.id), bundle.certs.map((id) => issued.get(id)!.pem).join('\n') + '\n');
  }
  const manifest = Manifest.parse({
    generatedAt: now.toISOString(),
    certs: entries,
    bundles: bundles.map((b) => ({ id: b.id, file: bundleFile(b.id), certs: b.certs, purpose: b.purpose })),
  });

  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(path.join(dir, '.staging-'));
  try {
    await Promise.all(
      [...files].map(([name, content]) => writeFile(path.join(staging, name), content, { mode: name.endsWith('.key') ? 0o600 : 0o644 })),
    );
    await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    for (const name of files.keys()) await rename(path.join(staging, name), path.join(dir, name));
    await rename(path.join(staging, MANIFEST_FILE), path.join(dir, MANIFEST_FILE));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { dir, manifest, ms: performance.now() - started };
}
