// `npm run certs`: regenerate the test PKI. `npm run certs -- --check` reports it instead.
import { certsCommand } from '../cli/commands/certs.ts';
import { runMain } from '../cli/commands/main.ts';

await runMain(() => certsCommand(process.argv.slice(2)));
