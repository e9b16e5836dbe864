import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type FileOutcome = { file: string; outcome: 'created' | 'exists' | 'appended' | 'present'; detail: string };

/** Writes `text` to a new file; an existing file (or any of `alsoTaken`) is reported and left alone. */
export function writeNew(dir: string, file: string, text: string, alsoTaken: readonly string[] = []): FileOutcome {
  const taken = [file, ...alsoTaken].find((f) => existsSync(path.join(dir, f)));
  if (taken) return { file, outcome: 'exists', detail: taken === file ? 'left alone' : `left alone: ${taken} exists` };
  const target = path.join(dir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  // 'wx': fail rather than overwrite, should the file appear between the check and the write.
  writeFileSync(target, text, { flag: 'wx' });
  return { file, outcome: 'created', detail: '' };
}

/** Appends the lines a .gitignore lacks (creating it when absent); lines already there are kept as they are. */
export function ensureLines(dir: string, file: string, lines: readonly string[]): FileOutcome {
  const target = path.join(dir, file);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : null;
  const have = new Set((current ?? '').split(/\r?\n/).map((l) => l.trim().replace(/^\//, '')));
  const missing = lines.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')));
  if (!missing.length) return { file, outcome: 'present', detail: `already ignores ${lines.join(', ')}` };
  const separator = current && !current.endsWith('\n') ? '\n' : '';
  writeFileSync(target, `${current ?? ''}${separator}# gatecheck: generated certificates, reports and traces\n${missing.join('\n')}\n`);
  return { file, outcome: current === null ? 'created' : 'appended', detail: `ignores ${missing.join(', ')}` };
}
