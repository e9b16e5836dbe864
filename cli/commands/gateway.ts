import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { GatewayBootError, loadGatewayConfig, startGateway } from '../../gateway/index.ts';
import { runMain } from './main.ts';
import { parseCommand } from './usage.ts';
import { watchStarter } from '../lifetime/starter-watch.ts';

export const gatewayHelp = `Usage: npx gatecheck gateway --config FILE [--port N] [--json]

Starts the reference payment gateway (gateway/README.md has the config reference).
  --config FILE  the gateway config (JSON); relative paths in it are relative to FILE
  --port N       listen on this port instead of server.port (0 picks a free one)
  --json         print one line {"url":"http://127.0.0.1:PORT"} once listening;
                 log lines then go to stderr instead of stdout
SIGINT or SIGTERM closes it (exit 0). A configuration the gateway refuses exits 1
with one line naming the code, the field, the file and the fix.`;

const Args = z.object({
  config: z.string({ error: 'is required: the gateway config file' }).min(1),
  port: z.string().regex(/^\d+$/, 'a port number').transform(Number).refine((n) => n <= 65535, 'a port number up to 65535').optional(),
  json: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'gateway takes no arguments'),
});

export async function gatewayCommand(argv: string[]): Promise<number> {
  const args = parseCommand('gateway', argv, { config: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' } }, Args);
  const log = args.json ? process.stderr : process.stdout;
  // Listen for the stop signal before anything else, so one that arrives during boot still closes cleanly.
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  // A harness or script that dies without stopping it (npx does not pass signals on) stops it too.
  const starter = watchStarter((reason) => {
    console.error(`gatecheck gateway: stopping: ${reason}`);
    onSignal('SIGTERM');
  });
  let gateway;
  try {
    const config = loadGatewayConfig(args.config);
    if (args.port !== undefined) config.server.port = args.port;
    gateway = await startGateway(config, { logSink: (line) => log.write(`${line}\n`) });
  } catch (error) {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    starter.stop();
    if (!(error instanceof GatewayBootError)) throw error;
    console.error(`gatecheck gateway: refused to start: ${error.code}: ${error.message.replace(/\s*\n\s*/g, ' ')}`);
    return 1;
  }
  if (args.json) console.log(JSON.stringify({ url: gateway.url }));
  else console.log(`gateway listening on ${gateway.url} (Ctrl-C to stop)`);
  const signal = await stopped;
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  starter.stop();
  await gateway.close();
  if (!args.json) console.log(`gateway closed (${signal})`);
  return 0;
}

/** Whether `script` (process.argv[1]) is this module, however it was named (a symlink, a relative path). */
const isEntry = (script: string | undefined) => {
  try {
    return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
};

/**
 * `node dist/cli/commands/gateway.js --config FILE --json`: this command alone, what the process
 * driver starts per scenario. The same command as `gatecheck gateway` without the CLI's dispatcher
 * and the project-config modules it loads (the scenario catalogue among them). Once closed it exits
 * at once: left to drain, Node's teardown took another 40-70 ms per stop.
 */
if (isEntry(process.argv[1])) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) console.log(gatewayHelp);
  else await runMain(() => gatewayCommand(argv));
  await new Promise((resolve) => process.stdout.write('', () => process.stderr.write('', resolve)));
  process.exit();
}
