import { certsCommand, certsHelp } from './commands/certs.ts';
import { runMain } from './commands/main.ts';
import { UsageError } from './commands/usage.ts';

type Command = { summary: string; help: string; run: (argv: string[]) => Promise<number> };

/** Each command loads its module only when called, so `gatecheck list` does not pay for mockttp. */
const commands: Record<string, Command> = {
  certs: { summary: 'generate or --check the test PKI', help: certsHelp, run: certsCommand },
};

const usage = () =>
  `Usage: npx gatecheck <command> [options]\n\nCommands:\n${Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
    .join('\n')}\n\nnpx gatecheck <command> --help for a command's options.`;

await runMain(async () => {
  const [name, ...argv] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`gatecheck: unknown command "${name}".\n\n${usage()}`);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(argv);
});
