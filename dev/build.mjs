// `npm run build` (also run by npm ci, npm pack and npm test): compiles what ships into dist/ with
// tsc -p tsconfig.build.json (JavaScript and .d.ts), unless dist/ is newer than every input; most
// builds find nothing changed, and tsc alone takes 10-30 s just to find that out. Plain Node: it
// runs in a fresh clone before anything else.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const stamp = path.join(root, 'dist', '.tsbuildinfo');
const config = JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const inputs = [...config.include, 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The newest modification time of a file or of anything under a folder. */
function newest(target) {
  if (!existsSync(target)) return 0;
  const s = statSync(target);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(target).map((entry) => newest(path.join(target, entry))));
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built > Math.max(...inputs.map((input) => newest(path.join(root, input))))) {
  console.error('dist/ is up to date');
} else {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // tsc leaves its build info alone when nothing changed: mark this build as the newest thing.
  const now = new Date();
  utimesSync(stamp, now, now);
  console.error('built dist/');
}
