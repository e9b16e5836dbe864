import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

/** A mistake in how a command was called: printed with the fix, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses argv with node's parseArgs (strict: unknown flags are errors), then validates the values
 * with a zod schema so every field is typed and a bad value names its flag.
 */
export function parseCommand<S extends z.ZodType>(
  command: string,
  argv: string[],
  options: Options,
  schema: S,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`gatecheck ${command}: ${(error as Error).message}. See: npx gatecheck ${command} --help`);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const field = issue.path[0] === 'positionals' ? 'argument' : `--${String(issue.path[0])}`;
      return `${field}: ${issue.message}`;
    });
    throw new UsageError(`gatecheck ${command}: ${issues.join('; ')}. See: npx gatecheck ${command} --help`);
  }
  return result.data;
}
