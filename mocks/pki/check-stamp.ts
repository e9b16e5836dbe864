import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MANIFEST_FILE } from './manifest.ts';
import { bundleSpecs, certSpecs } from './specs.ts';

/**
 * The record of the last full check of a certificate folder whose material passed (every key, chain
 * and bundle as the manifest says): each file's identity then (size, inode, modification and change
 * times; any write, copy or rename changes the change time), the specs checked against, and each
 * certificate's validity dates. While nothing of that changed, the material is as it was, and only
 * the dates need judging again: no certificate or key parsed.
 */
const STAMP_FILE = '.checked.json';

const CheckStamp = z.object({
  specs: z.string(),
  files: z.record(z.string(), z.string()),
  dates: z.record(z.string(), z.object({ file: z.string(), validFrom: z.string(), validTo: z.string() })),
});
export type CertDates = z.infer<typeof CheckStamp>['dates'];

const specsDigest = () => createHash('sha256').update(JSON.stringify({ certSpecs, bundleSpecs })).digest('hex');

/** Every file of the folder with its identity (dot files apart); null without a manifest or a readable folder. */
export function folderIdentity(dir: string): Record<string, string> | null {
  try {
    const files: Record<string, string> = {};
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue; // the stamp, in-use markers, a generation's staging folder
      const s = statSync(path.join(dir, name), { bigint: true });
      files[name] = `${s.size}:${s.ino}:${s.mtimeNs}:${s.ctimeNs}`;
    }
    return MANIFEST_FILE in files ? files : null;
  } catch {
    return null;
  }
}

/** The certificates' dates from the last passing check, when no file has changed since; else null. */
export function unchangedSinceLastCheck(dir: string): CertDates | null {
  let stamp;
  try {
    stamp = CheckStamp.parse(JSON.parse(readFileSync(path.join(dir, STAMP_FILE), 'utf8')), { jitless: true });
  } catch {
    return null;
  }
  const now = folderIdentity(dir);
  if (!now || stamp.specs !== specsDigest()) return null;
  const names = Object.keys(now);
  if (names.length !== Object.keys(stamp.files).length || names.some((n) => stamp.files[n] !== now[n])) return null;
  return certSpecs.every((spec) => stamp.dates[spec.id]) ? stamp.dates : null;
}

/** Records a passing check of the material as it was before the check (`identity`); a read-only folder keeps none. */
export function recordCheck(dir: string, identity: Record<string, string>, dates: CertDates): void {
  const file = path.join(dir, STAMP_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ specs: specsDigest(), files: identity, dates }));
    renameSync(tmp, file);
  } catch {
    // Not writable: every check stays a full one.
  }
}
