import { runMain } from './commands/main.ts';
import { UsageError } from './commands/usage.ts';

type Loaded = { help: string; run: (argv: string[]) => Promise<number> };
type Command = { summary: string; load: () => Promise<Loaded> };

// Each command loads its module only when called, so `gatecheck list` does not load the servers.
const commands: Record<string, Command> = {
  init: { summary: 'set gatecheck up in this project: config, CI workflow, .gitignore', load: async () => { const m = await import('./commands/init.ts'); return { help: m.initHelp, run: m.initCommand }; } },
  run: { summary: 'run the contract matrix against a gateway (the main job)', load: async () => { const m = await import('./commands/run.ts'); return { help: m.runHelp, run: m.runCommand }; } },
  list: { summary: 'list the scenario catalogue', load: async () => { const m = await import('./commands/list.ts'); return { help: m.listHelp, run: m.listCommand }; } },
  serve: { summary: 'run one scenario\'s mock processor on 127.0.0.1', load: async () => { const m = await import('./commands/serve.ts'); return { help: m.serveHelp, run: m.serveCommand }; } },
  gateway: { summary: 'start the reference gateway', load: async () => { const m = await import('./commands/gateway.ts'); return { help: m.gatewayHelp, run: m.gatewayCommand }; } },
  doctor: { summary: 'diagnose one processor connection: the code, the evidence, the fix', load: async () => { const m = await import('./commands/doctor.ts'); return { help: m.doctorHelp, run: m.doctorCommand }; } },
  audit: { summary: 'check a reference-gateway config (and --live, each processor)', load: async () => { const m = await import('./commands/audit.ts'); return { help: m.auditHelp, run: m.auditCommand }; } },
  runbook: { summary: 'generate (or --check) the on-call runbook from the catalogue', load: async () => { const m = await import('./commands/runbook.ts'); return { help: m.runbookHelp, run: m.runbookCommand }; } },
  certs: { summary: 'generate or --check the test PKI', load: async () => { const m = await import('./commands/certs.ts'); return { help: m.certsHelp, run: m.certsCommand }; } },
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
  const loaded = await command.load();
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(loaded.help);
    return 0;
  }
  // Where certificates, reports and the runbook go: the project's output folder, for this process and its children.
  // `run --config` names the project config. `gateway` and `audit` take --config as the reference
  // gateway's own config file: audit takes the paths from the folder's project config; gateway needs
  // none (its files are named in its own config).
  // Loaded here, not at the top: `gatecheck --help` and a mistyped command never read a config.
  const { applyProjectPaths } = await import('./project-paths.ts');
  if (name === 'run') await applyProjectPaths(argv);
  else if (name !== 'init' && name !== 'gateway') await applyProjectPaths([]);
  return loaded.run(argv);
});
