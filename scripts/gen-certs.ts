// `npm run certs`: regenerate the test PKI. `npm run certs -- --check` reports it instead.
import { certsCommand } from './commands/certs.ts';
import { runMain } from './commands/main.ts';

await runMain(() => certsCommand(process.argv.slice(2)));
