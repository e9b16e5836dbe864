// The `serve` command alone, as bin/fast-start.js bundles it: no tsx and no other command on the path.
import { runMain } from './main.ts';
import { serveCommand } from './serve.ts';

export const run = (argv: string[]) => runMain(() => serveCommand(argv));
