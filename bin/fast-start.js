// A fast start for `gatecheck serve` (a mock processor people and CI start often): the command's
// TypeScript is bundled once with esbuild (tsx's own) into node_modules/.cache/, rebuilt whenever a
// source it was built from changes, and run by plain Node, which skips tsx's loader (about 0.3-0.5 s).
// Anything unexpected, and the caller falls back to tsx.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
// Depth matters: mocks/pki/paths.ts finds certs/ with new URL('../../certs/', import.meta.url),
// and the bundle is built with import.meta.url pointing at that file (the only user; checked below).
const dir = path.join(root, 'node_modules', '.cache', 'gatecheck');
const bundle = path.join(dir, 'serve.mjs');
const stamp = path.join(dir, 'serve.inputs.json');
const entry = path.join(root, 'cli', 'commands', 'serve-entry.ts');
const pathsModule = path.join(root, 'mocks', 'pki', 'paths.ts');

const signature = (file) => {
  const s = statSync(path.join(root, file));
  return `${s.size}:${s.mtimeMs}`;
};

function fresh() {
  if (!existsSync(bundle) || !existsSync(stamp)) return false;
  try {
    const inputs = JSON.parse(readFileSync(stamp, 'utf8'));
    return Object.entries(inputs).every(([file, sig]) => signature(file) === sig);
  } catch {
    return false;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root, entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, logLevel: 'silent',
    packages: 'external', define: { 'import.meta.url': JSON.stringify(pathToFileURL(pathsModule).href) },
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const file of inputs) {
    if (file !== path.relative(root, pathsModule) && readFileSync(path.join(root, file), 'utf8').includes('import.meta')) throw new Error(`${file} uses import.meta`);
  }
  mkdirSync(dir, { recursive: true });
  // Written aside, then renamed: a concurrent start sees the old bundle or the new one, never half.
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  writeFileSync(`${stamp}.${process.pid}.tmp`, JSON.stringify(Object.fromEntries(inputs.map((f) => [f, signature(f)]))));
  renameSync(tmp, bundle);
  renameSync(`${stamp}.${process.pid}.tmp`, stamp);
}

/** Runs `serve` from the bundle and returns true, or returns false to let the caller use tsx. */
export async function fastStart(argv) {
  if (argv[0] !== 'serve' || argv.includes('--help') || argv.includes('-h') || process.env.GATECHECK_NO_FAST_START) return false;
  let module;
  try {
    if (!fresh()) await build();
    module = await import(pathToFileURL(bundle).href);
  } catch {
    return false;
  }
  await module.run(argv.slice(1));
  return true;
}
