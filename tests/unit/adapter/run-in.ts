import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export type Run = { exit: number | null; stdout: string; stderr: string };

/** `gatecheck <args>` run from `cwd`, as a user in their own project would. */
export function gatecheckIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, ...env };
    if (!env.GATECHECK_GATEWAY) delete childEnv.GATECHECK_GATEWAY;
    const child = spawn(process.execPath, [path.join(root, 'bin/gatecheck.js'), ...args], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('close', (exit) => resolve({ exit, stdout, stderr }));
  });
}

/** A scratch project folder with these files; removed by the returned function. */
export function project(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatecheck-project-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const copyInto = (dir: string, from: string, name: string) => cpSync(from, path.join(dir, name));
