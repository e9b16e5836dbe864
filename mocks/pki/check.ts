import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Manifest, MANIFEST_FILE } from './manifest.ts';
import { bundleSpecs, certSpecs, type CertSpec } from './specs.ts';
import { keyProblem, pemSetProblem } from './check-files.ts';
import { folderIdentity, recordCheck, unchangedSinceLastCheck, type CertDates } from './check-stamp.ts';
import { servedChainIds } from './generate.ts';
import { certsDir } from './paths.ts';

export const EXPIRY_HORIZON_DAYS = 7;
const DAY_MS = 86_400_000;

export type CertStatus = 'valid' | 'broken-on-purpose' | 'expiring' | 'expired' | 'not-yet-valid' | 'missing' | 'unparseable' | 'stale';
/** What is wrong with the files themselves, not with the dates. */
const MATERIAL_PROBLEMS: CertStatus[] = ['missing', 'unparseable', 'stale'];
export type CertReport = { id: string; file: string; status: CertStatus; ok: boolean; daysLeft: number | null; detail: string };
export type PkiReport = { ok: boolean; dir: string; certs: CertReport[]; problems: string[] };

function readManifest(dir: string): Manifest | string {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return `${file} is missing`;
  try {
    const parsed = Manifest.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : `${file} is not a valid manifest: ${z.prettifyError(parsed.error)}`;
  } catch (error) {
    return `${file} is not JSON: ${(error as Error).message}`;
  }
}

const fingerprintOf = (manifest: Manifest, id: string) => manifest.certs.find((c) => c.id === id)?.fingerprint256 ?? `(${id} not in the manifest)`;

type Report = (status: CertStatus, ok: boolean, detail: string, daysLeft?: number | null) => void;

/** A certificate whose files passed, judged by its validity dates. */
function judgeDates(spec: CertSpec, dates: { validFrom: string; validTo: string }, now: Date, report: Report): void {
  const daysLeft = Math.floor((Date.parse(dates.validTo) - now.getTime()) / DAY_MS);
  if (!spec.meantToBeValid) report('broken-on-purpose', true, `deliberately invalid (${spec.purpose})`, daysLeft);
  else if (Date.parse(dates.validFrom) > now.getTime()) report('not-yet-valid', false, `not valid until ${dates.validFrom}`, daysLeft);
  else if (daysLeft < 0) report('expired', false, `expired on ${dates.validTo}`, daysLeft);
  else if (daysLeft < EXPIRY_HORIZON_DAYS) report('expiring', false, `expires in ${daysLeft} day(s), within ${EXPIRY_HORIZON_DAYS}`, daysLeft);
  else report('valid', true, `valid for ${daysLeft} more days`, daysLeft);
}

/**
 * Checks every certificate the specs call for: present, parseable, the one in the manifest, in date,
 * its key parseable (with its passphrase) and its own, its chain file and every CA bundle holding
 * exactly the certificates the manifest lists. While no file of the folder has changed since such a
 * check found the files sound (check-stamp.ts), only the dates are judged again.
 */
export function checkPki(dir = certsDir(), now = new Date()): PkiReport {
  const unchanged = unchangedSinceLastCheck(dir);
  return unchanged ? judgeUnchanged(dir, unchanged, now) : checkFiles(dir, now);
}

function judgeUnchanged(dir: string, dates: CertDates, now: Date): PkiReport {
  const problems: string[] = [];
  const certs: CertReport[] = [];
  for (const spec of certSpecs) {
    const file = path.join(dir, dates[spec.id]!.file);
    judgeDates(spec, dates[spec.id]!, now, (status, ok, detail, daysLeft = null) => {
      certs.push({ id: spec.id, file, status, ok, daysLeft, detail });
      if (!ok) problems.push(`${file}: ${detail}`);
    });
  }
  return { ok: problems.length === 0, dir, certs, problems };
}

function checkFiles(dir: string, now: Date): PkiReport {
  const before = folderIdentity(dir);
  const manifest = readManifest(dir);
  if (typeof manifest === 'string') return { ok: false, dir, certs: [], problems: [manifest] };
  const problems: string[] = [];
  const certs: CertReport[] = [];
  const dates: CertDates = {};
  for (const spec of certSpecs) {
    const entry = manifest.certs.find((c) => c.id === spec.id);
    const file = path.join(dir, entry?.cert ?? `${spec.id}.pem`);
    const report: Report = (status, ok, detail, daysLeft = null) => {
      certs.push({ id: spec.id, file, status, ok, daysLeft, detail });
      if (!ok) problems.push(`${file}: ${detail}`);
    };
    if (!entry) { report('stale', false, `"${spec.id}" is in mocks/pki/specs.ts but not in the manifest`); continue; }
    if (!existsSync(file)) { report('missing', false, 'file is missing'); continue; }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(readFileSync(file));
    } catch (error) {
      report('unparseable', false, `not a parseable certificate (${(error as Error).message})`);
      continue;
    }
    if (cert.fingerprint256 !== entry.fingerprint256) { report('stale', false, 'does not match the manifest (a partial or mixed set)'); continue; }
    const missing = [entry.key, entry.chain].filter((f): f is string => f !== null && !existsSync(path.join(dir, f)));
    if (missing.length) { report('missing', false, `companion file(s) missing: ${missing.join(', ')}`); continue; }
    const badKey = keyProblem(path.join(dir, entry.key), entry, cert);
    if (badKey) { report('unparseable', false, badKey); continue; }
    const chainIds = [spec.id, ...servedChainIds(spec, certSpecs)];
    const badChain = entry.chain ? pemSetProblem(path.join(dir, entry.chain), 'chain file', chainIds.map((id) => fingerprintOf(manifest, id))) : null;
    if (badChain) { report('unparseable', false, badChain); continue; }
    dates[spec.id] = { file: entry.cert, validFrom: cert.validFrom, validTo: cert.validTo };
    judgeDates(spec, dates[spec.id]!, now, report);
  }
  const certProblems = problems.length;
  for (const bundle of bundleSpecs) {
    const entry = manifest.bundles.find((b) => b.id === bundle.id);
    if (!entry || !existsSync(path.join(dir, entry.file))) {
      problems.push(`${path.join(dir, entry?.file ?? `bundle-${bundle.id}.pem`)}: CA bundle is missing`);
      continue;
    }
    const bad = pemSetProblem(path.join(dir, entry.file), 'CA bundle', bundle.certs.map((id) => fingerprintOf(manifest, id)));
    if (bad) problems.push(bad);
  }
  const filesSound = certs.every((c) => !MATERIAL_PROBLEMS.includes(c.status)) && problems.length === certProblems;
  if (before && filesSound) recordCheck(dir, before, dates);
  return { ok: problems.length === 0, dir, certs, problems };
}
