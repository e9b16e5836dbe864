import { readFileSync } from 'node:fs';
import type { ProcessorConfig } from '../drivers/driver.ts';

export type Secret = { label: string; value: string };

/** Every secret a gateway config carries (credentials, passphrase, private keys) plus the card number. */
export function secretsOf(processors: ProcessorConfig[], cardNumbers: string[]): Secret[] {
  const secrets: Secret[] = cardNumbers.map((value) => ({ label: 'card number', value }));
  for (const p of processors) {
    for (const [name, value] of Object.entries((p.credentials ?? {}) as Record<string, string>)) {
      if (name !== 'clientId' && name !== 'username') secrets.push({ label: `${p.name} credentials.${name}`, value });
    }
    const tls = (p.tls ?? {}) as { passphrase?: string; keyFile?: string };
    if (tls.passphrase) secrets.push({ label: `${p.name} tls.passphrase`, value: tls.passphrase });
    if (tls.keyFile) {
      const body = readFileSync(tls.keyFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('-----'));
      if (body[0]) secrets.push({ label: `${p.name} private key`, value: body[0].slice(0, 40) });
    }
    const webhooks = (p.webhooks ?? {}) as { secrets?: string[]; hmacKey?: string };
    for (const s of webhooks.secrets ?? []) secrets.push({ label: `${p.name} webhook secret`, value: s });
    if (webhooks.hmacKey) secrets.push({ label: `${p.name} webhook HMAC key`, value: webhooks.hmacKey });
  }
  return secrets;
}

/** "card number in logs" for every secret that appears in a named text. */
export function findLeaks(secrets: Secret[], texts: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(texts)) if (text.includes(secret.value)) leaks.push(`${secret.label} in ${where}`);
  }
  return leaks;
}
