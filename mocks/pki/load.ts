import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Manifest, MANIFEST_FILE, type ManifestEntry } from './manifest.ts';
import { certsDir } from './paths.ts';

/** Read access to the generated PKI by certificate id. Files are read once and cached. */
export type Pki = {
  dir: string;
  manifest: Manifest;
  entry(id: string): ManifestEntry;
  certPath(id: string): string;
  keyPath(id: string): string;
  chainPath(id: string): string;
  bundlePath(id: string): string;
  read(file: string): string;
};

export function loadPki(dir = certsDir()): Pki {
  // Jitless: parsed once per process, where compiling zod's fast path would cost more than the parse.
  const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')), { jitless: true });
  const cache = new Map<string, string>();
  const entry = (id: string) => {
    const found = manifest.certs.find((c) => c.id === id);
    if (!found) throw new Error(`gatecheck: certificate "${id}" is not in ${path.join(dir, MANIFEST_FILE)}; run npx gatecheck certs`);
    return found;
  };
  return {
    dir,
    manifest,
    entry,
    certPath: (id) => path.join(dir, entry(id).cert),
    keyPath: (id) => path.join(dir, entry(id).key),
    chainPath: (id) => {
      const chain = entry(id).chain;
      if (!chain) throw new Error(`gatecheck: certificate "${id}" is a root and has no chain file`);
      return path.join(dir, chain);
    },
    bundlePath: (id) => {
      const bundle = manifest.bundles.find((b) => b.id === id);
      if (!bundle) throw new Error(`gatecheck: CA bundle "${id}" is not in the manifest; run npx gatecheck certs`);
      return path.join(dir, bundle.file);
    },
    read: (file) => {
      let text = cache.get(file);
      if (text === undefined) cache.set(file, (text = readFileSync(file, 'utf8')));
      return text;
    },
  };
}
