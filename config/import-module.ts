import { pathToFileURL } from 'node:url';

/**
 * A user's module (a config or a driver): .mjs/.js by import(); .ts/.mts/.cts through tsx's
 * require hook, loaded only then (it works both from the CLI and inside Playwright's workers,
 * whose own loader does not compile a .ts outside the test folders). Returns the module namespace.
 */
export async function importUserModule(file: string): Promise<{ default?: unknown }> {
  if (!/\.[mc]?ts$/.test(file)) return (await import(pathToFileURL(file).href)) as { default?: unknown };
  const { require: tsRequire } = await import('tsx/cjs/api');
  return tsRequire(file, import.meta.url) as { default?: unknown };
}
