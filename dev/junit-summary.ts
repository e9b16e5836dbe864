// Prints the run's count from the JUnit report as one line: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/junit.xml';
if (!existsSync(file)) {
  console.log(`0 passed, 1 failed (no test report at ${file}: the run stopped before the tests)`);
  process.exit(1);
}
const root = /<testsuites\b([^>]*)>/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
const failed = attr('failures') + attr('errors');
const skipped = attr('skipped');
const passed = attr('tests') - failed - skipped;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
