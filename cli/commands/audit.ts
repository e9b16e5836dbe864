import { z } from 'zod';
import { audit, DEFAULT_EXPIRY_DAYS, formatAudit } from '../audit/audit.ts';
import { parseCommand } from './usage.ts';

export const auditHelp = `Usage: npx gatecheck audit --config FILE [--live] [--json] [--expiry-days N] [--timeout-ms N]

Checks a reference-gateway config the way the gateway's boot checks would, but reports every
problem instead of stopping at the first: schema, secrets from the environment, CA bundles
(readable, not empty, not expired), client certificate and key (readable, matching, passphrase),
TLS floor and insecure options, certificates expiring within --expiry-days (default ${DEFAULT_EXPIRY_DAYS}), a
mutual-TLS profile (visa) without a client certificate, and live credentials pointed at a sandbox
host or the reverse. Pins are checked when present but required by no profile: processors renew
their leaves yearly and publish no pin sets, so a missing pin is not a problem, and a leaf-only pin
is (--live warns about it).

  --config FILE     the gateway config (JSON); relative paths in it are relative to FILE
  --live            also connect to every processor as the gateway would (npx gatecheck doctor)
  --json            print {"ok","file","processors":[...],"findings":[...]} instead
  --expiry-days N   certificates expiring within N days are problems (default ${DEFAULT_EXPIRY_DAYS})
  --timeout-ms N    --live bound on connect, handshake and answer, each (default: each
                    processor's own timeouts, as the gateway uses them)

One line per problem: "<field>: <CODE>: <what>. Fix: <how>"; warnings say "warning:" and do not
fail the audit. Exit 0 no problem, 1 problems found, 2 usage error.`;

const number = (what: string) => z.string().regex(/^\d+$/, what).transform(Number);

const Args = z.object({
  config: z.string({ error: 'is required: the gateway config file' }).min(1),
  live: z.boolean().default(false),
  json: z.boolean().default(false),
  'expiry-days': number('a number of days').default(DEFAULT_EXPIRY_DAYS),
  'timeout-ms': number('milliseconds').refine((n) => n > 0 && n <= 120_000, 'between 1 and 120000').optional(),
  positionals: z.array(z.string()).max(0, 'audit takes no arguments; give the file with --config'),
});

export async function auditCommand(argv: string[]): Promise<number> {
  const args = parseCommand('audit', argv, {
    config: { type: 'string' }, live: { type: 'boolean' }, json: { type: 'boolean' }, 'expiry-days': { type: 'string' }, 'timeout-ms': { type: 'string' },
  }, Args);
  const report = await audit(args.config, { live: args.live, expiryDays: args['expiry-days'], timeoutMs: args['timeout-ms'] });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatAudit(report, args.live));
  return report.ok ? 0 : 1;
}
