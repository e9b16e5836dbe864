import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * Looks for secrets in every artefact a run leaves: each file's raw bytes, every entry of every
 * zip (traces, the HTML report's embedded data, zips inside zips), and each secret also in its
 * base64 forms at every byte alignment, so an encoded copy is found without decoding anything.
 */

export type Needle = { label: string; find: string | RegExp };
export type Hit = { label: string; where: string };
export type ScanResult = { files: number; zipEntries: number; bytes: number; hits: Hit[]; texts: Map<string, string> };

/** Every base64 (and base64url) spelling of `secret` inside a longer encoded string. */
export function base64Forms(secret: string): string[] {
  const forms: string[] = [];
  const bytes = Buffer.from(secret);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const skip = shift === 0 ? 0 : shift + 1;
    const end = Math.floor((shift + bytes.length) / 3) * 4;
    const form = encoded.slice(skip, end);
    if (form.length >= 8) forms.push(form, form.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...new Set(forms)];
}

/** The entries of a zip archive (stored or deflated), by name. */
export function unzip(buffer: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return entries;
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && buffer.readUInt32LE(at) === 0x02014b50; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMBEDDED_ZIP = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/g;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Scans every file under each root, plus named in-memory texts (a run's stdout and stderr). */
export function scanArtefacts(roots: string[], needles: Needle[], texts: Record<string, string> = {}): ScanResult {
  const expanded: Needle[] = needles.flatMap((n) =>
    typeof n.find === 'string' ? [n, ...base64Forms(n.find).map((form) => ({ label: `${n.label} (base64)`, find: form }))] : [n],
  );
  const result: ScanResult = { files: 0, zipEntries: 0, bytes: 0, hits: [], texts: new Map() };

  const scan = (where: string, content: Buffer, depth: number) => {
    result.bytes += content.length;
    const text = content.toString('latin1');
    result.texts.set(where, text);
    for (const needle of expanded) {
      if (typeof needle.find === 'string' ? text.includes(needle.find) : text.search(needle.find) >= 0) result.hits.push({ label: needle.label, where });
    }
    if (depth > 3) return;
    if (content.subarray(0, 4).equals(ZIP_MAGIC)) {
      for (const [name, entry] of unzip(content)) {
        result.zipEntries += 1;
        scan(`${where}!${name}`, entry, depth + 1);
      }
    }
    for (const match of text.matchAll(EMBEDDED_ZIP)) {
      for (const [name, entry] of unzip(Buffer.from(match[1]!, 'base64'))) {
        result.zipEntries += 1;
        scan(`${where}!embedded!${name}`, entry, depth + 1);
      }
    }
  };

  for (const root of roots) {
    for (const file of walk(root)) {
      result.files += 1;
      scan(relative(root, file) || file, readFileSync(file), 0);
    }
  }
  for (const [where, text] of Object.entries(texts)) scan(where, Buffer.from(text), 0);
  return result;
}
