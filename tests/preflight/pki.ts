import { checkPki } from '../../mocks/pki/check.ts';
import { generatePki } from '../../mocks/pki/generate.ts';
import { certsDir } from '../../mocks/pki/paths.ts';
import { HarnessError } from './harness-error.ts';

/**
 * The certificate set is complete and usable before any scenario, or regenerated; when it can be
 * neither, one harness error (never a wall of TLS "breaches" from a broken key or bundle).
 * Returns a note when it regenerated, null when the set was fine.
 */
export async function ensurePki(dir = certsDir()): Promise<string | null> {
  const before = checkPki(dir);
  if (before.ok) return null;
  const why = `${before.problems[0]}${before.problems.length > 1 ? ` (+${before.problems.length - 1} more)` : ''}`;
  try {
    const result = await generatePki(dir);
    const after = checkPki(dir);
    if (!after.ok) throw new Error(after.problems[0]);
    return `regenerated the test PKI in ${result.dir} (${why}) in ${Math.round(result.ms)} ms`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarnessError('HARNESS_PKI', `the test certificates in ${dir} are unusable (${why}) and could not be regenerated (${code ?? (error as Error).message}); fix: make ${dir} writable and run npx gatecheck certs, or point GATECHECK_CERTS_DIR at a writable folder`);
  }
}
