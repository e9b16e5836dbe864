import { z } from 'zod';
import { DEFAULT_TIMEOUT_MS } from '../doctor/config.ts';
import { doctor } from '../doctor/diagnose.ts';
import { formatReport } from '../doctor/report.ts';
import { parseCommand } from './usage.ts';

export const doctorHelp = `Usage: npx gatecheck doctor <https-url> [options]

Connects to a processor the way the reference gateway would with these settings (its boot checks,
TLS options, peer policy and error classifier) and says what is wrong in one line, with the fix.
After a verified handshake it sends one harmless "GET /" (Connection: close) to see whether the
processor accepts the client certificate; after a failed one it sends nothing.

  --ca FILE             CA bundle (PEM), as tls.caFile; default: Node's built-in roots
  --cert FILE           client certificate (PEM), as tls.certFile; needs --key
  --key FILE            client private key (PEM), as tls.keyFile
  --passphrase-env VAR  read the key passphrase from environment variable VAR (tls.passphrase)
  --servername HOST     the name the certificate must carry (tls.servername); default: the URL host
  --pin sha256/BASE64   an SPKI pin (tls.pins); repeat for several
  --min-tls 1.2         lowest TLS version (tls.minVersion): 1.2 or 1.3 (lower is refused, as at boot)
  --max-tls 1.3         highest TLS version (tls.maxVersion)
  --ciphers LIST        OpenSSL cipher list for TLS 1.2 (tls.ciphers)
  --min-key-bits N      smallest RSA key accepted in the chain (tls.minKeyBits, default 2048)
  --timeout-ms N        bound on connect, handshake and answer, each (default ${DEFAULT_TIMEOUT_MS})
  --json                print {"code","ok","summary","fix","chain":[...],"tls":{...}} instead

Exit 0 healthy, 1 problem found (the code is from the gatecheck taxonomy), 2 usage error.
Every code's symptoms, causes and fixes: docs/runbook.md.`;

const version = z.enum(['1', '1.0', '1.1', '1.2', '1.3']).transform((v) => (v === '1' || v === '1.0' ? 'TLSv1' : (`TLSv${v}` as 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3')));
const number = (what: string) => z.string().regex(/^\d+$/, what).transform(Number);

const Args = z.object({
  ca: z.string().min(1).optional(),
  cert: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  'passphrase-env': z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
  servername: z.string().min(1).optional(),
  pin: z.array(z.string().regex(/^sha256\/[A-Za-z0-9+/]{43}=$/, 'a pin is "sha256/" + 44 base64 characters (doctor prints the pins of a chain)')).default([]),
  'min-tls': version.optional(),
  'max-tls': version.optional(),
  ciphers: z.string().min(1).optional(),
  'min-key-bits': number('a number of bits').optional(),
  'timeout-ms': number('milliseconds').refine((n) => n > 0 && n <= 120_000, 'between 1 and 120000').default(DEFAULT_TIMEOUT_MS),
  json: z.boolean().default(false),
  positionals: z.tuple([z.url({ protocol: /^https$/, error: 'give the processor\'s https:// URL, e.g. https://api.stripe.com' })], { error: 'give exactly one https:// URL' }),
})
  .refine((a) => !a.cert === !a.key, { message: 'give --cert and --key together', path: ['cert'] })
  .refine((a) => !a['passphrase-env'] || a.key, { message: 'is only for an encrypted --key', path: ['passphrase-env'] });

export async function doctorCommand(argv: string[]): Promise<number> {
  const args = parseCommand('doctor', argv, {
    ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, 'passphrase-env': { type: 'string' },
    servername: { type: 'string' }, pin: { type: 'string', multiple: true }, 'min-tls': { type: 'string' }, 'max-tls': { type: 'string' },
    ciphers: { type: 'string' }, 'min-key-bits': { type: 'string' }, 'timeout-ms': { type: 'string' }, json: { type: 'boolean' },
  }, Args);
  const report = await doctor({
    url: args.positionals[0],
    ca: args.ca,
    cert: args.cert,
    key: args.key,
    passphrase: args['passphrase-env'] ? { env: args['passphrase-env'] } : undefined,
    servername: args.servername,
    pins: args.pin,
    minVersion: args['min-tls'],
    maxVersion: args['max-tls'],
    ciphers: args.ciphers,
    minKeyBits: args['min-key-bits'],
    timeoutMs: args['timeout-ms'],
  });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}
