import { z } from 'zod';
import { MUTANT_NAMES } from '../mutants/names.ts';

/**
 * Every GATECHECK_* variable `gatecheck run` (and the contract project) reads, validated before
 * anything starts: a typo is one harness error naming the variable, never a silent default.
 */
const gatewayChoice = z.string().refine(
  (v) => v === 'reference' || v === 'process' || (v.startsWith('mutant:') && MUTANT_NAMES.includes(v.slice('mutant:'.length))),
  { error: `must be "reference", "process" or "mutant:<name>" (one of: ${MUTANT_NAMES.join(', ')})` },
);

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const RunEnv = z.object({
  GATECHECK_WORKERS: z.string().regex(/^\d+$/, 'must be a whole number of workers, 1 to 16').transform(Number).pipe(z.number().int().min(1, 'must be 1 to 16').max(16, 'must be 1 to 16')).optional(),
  GATECHECK_GREP: z.string().refine(isRegExp, { error: 'must be a regular expression (gatecheck run sets it from --family and --grep)' }).optional(),
  GATECHECK_GATEWAY: gatewayChoice.optional(),
  GATECHECK_GATEWAY_CMD: z.string().trim().min(1, 'must be a command line (or unset for the default)').optional(),
  GATECHECK_CERTS_DIR: z.string().trim().min(1, 'must be a folder path (or unset for <output folder>/certs)').optional(),
  GATECHECK_OUTPUT_DIR: z.string().trim().min(1, 'must be a folder path (or unset for .gatecheck/)').optional(),
  GATECHECK_RUN_JSON: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
  GATECHECK_OUTCOME_FILE: z.string().min(1).optional(),
  GATECHECK_TIER: z.enum(['mocks', 'sandbox'], { error: 'must be mocks or sandbox (gatecheck run sets it from --tier)' }).optional(),
});
export type RunEnv = z.infer<typeof RunEnv>;

export class EnvError extends Error {
  override name = 'EnvError';
  readonly code = 'HARNESS_ENV';
}

/** The validated variables, or an EnvError whose first line names the variable and the fix. */
export function readRunEnv(env: NodeJS.ProcessEnv = process.env): RunEnv {
  const picked = Object.fromEntries(Object.keys(RunEnv.shape).filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  const parsed = RunEnv.safeParse(picked);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  throw new EnvError(`${name}=${JSON.stringify(env[name])} ${issue.message}; fix: correct it or unset it (unset ${name})`);
}

/**
 * The process-wide TLS switch that would make every TLS scenario meaningless: Node's
 * NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off for the gateway under test.
 */
export function tlsEnvProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    return 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns TLS certificate verification off in every Node process, so no TLS verdict would mean anything; fix: unset NODE_TLS_REJECT_UNAUTHORIZED';
  }
  return null;
}
