// Copies the example into <dest> with one planted bug applied: node apply.mjs <bug-name> <dest>
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const example = path.resolve(here, '..');
const [name, dest] = process.argv.slice(2);
const { bugs } = JSON.parse(readFileSync(path.join(here, 'bugs.json'), 'utf8'));
const bug = bugs.find((b) => b.name === name);
if (!bug || !dest) {
  console.error(`usage: node apply.mjs <${bugs.map((b) => b.name).join('|')}> <dest>`);
  process.exit(2);
}
mkdirSync(dest, { recursive: true });
for (const file of ['Gateway.java', 'run.sh', 'gatecheck.config.mjs']) copyFileSync(path.join(example, file), path.join(dest, file));
const target = path.join(dest, bug.file);
const source = readFileSync(target, 'utf8');
const count = source.split(bug.find).length - 1;
if (count !== 1) {
  console.error(`${bug.name}: the find string occurs ${count} times in ${bug.file}, not once; update bugs.json`);
  process.exit(2);
}
writeFileSync(target, source.replace(bug.find, () => bug.replace));
console.log(`${bug.name} applied in ${dest}`);
