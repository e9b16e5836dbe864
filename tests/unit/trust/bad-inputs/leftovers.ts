import { readdirSync } from 'node:fs';

/** Files a command may leave half-written: staging folders, temporary files. */
export function halfWritten(dirs: string[]): string[] {
  return dirs.flatMap((dir) => {
    try {
      return readdirSync(dir).filter((f) => f.startsWith('.staging-') || f.endsWith('.tmp')).map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  });
}
