import { checkPki } from '../mocks/pki/check.ts';
import { generatePki } from '../mocks/pki/generate.ts';

/** Fresh clones and old clones both just work: regenerate the PKI when its check fails. */
export default async function globalSetup(): Promise<void> {
  const report = checkPki();
  if (report.ok) return;
  const result = await generatePki();
  console.log(`gatecheck: regenerated the test PKI (${report.problems[0]}${report.problems.length > 1 ? ', ...' : ''}) in ${Math.round(result.ms)} ms`);
}
