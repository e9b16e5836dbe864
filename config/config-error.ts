/**
 * A project config gatecheck cannot use: the file is missing, does not load, or breaks the schema.
 * A usage error (exit 2), never a verdict. `message` is one line per problem: `file: field: what. Fix: how.`
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'GATECHECK_CONFIG_INVALID';
}
