// `npm run certs`: regenerate the test PKI. `npm run certs -- --check` reports it instead.
import { certsCommand } from '../cli/commands/certs.ts';
import { runMain } from '../cli/commands/main.ts';
import { applyProjectPaths } from '../cli/project-paths.ts';

await runMain(async () => {
  await applyProjectPaths(process.argv.slice(2));
  return certsCommand(process.argv.slice(2));
});
