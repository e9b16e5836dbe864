import { readFileSync } from 'node:fs';
import type { ProcessorConfig } from '../drivers/driver.ts';

export type Secret = { label: string; value: string };

/** Every secret a gateway config carries (credentials, passphrase, private keys) plus the card number. */
export function secretsOf(processors: ProcessorConfig[], cardNumbers: string[]): Secret[] {
  const secrets: Secret[] = cardNumbers.map((value) => ({ label: 'card number', value }));
  for (const p of processors) {
    const credentials = (p.credentials ?? {}) as Record<string, string>;
    for (const [name, value] of Object.entries(credentials)) {
      if (name !== 'clientId' && name !== 'username') secrets.push({ label: `${p.name} credentials.${name}`, value });
    }
    // HTTP Basic credentials as sent ("user:pass"): leaked mostly as the base64 of an Authorization header.
    for (const [user, pass] of [['username', 'password'], ['clientId', 'clientSecret']] as const) {
      if (credentials[user] && credentials[pass]) secrets.push({ label: `${p.name} Basic credentials (${user}:${pass})`, value: `${credentials[user]}:${credentials[pass]}` });
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

/** Shorter values are matched verbatim only: their encodings would match ordinary text by chance. */
const MIN_ENCODED = 8;

/**
 * The forms a secret leaks in: as is, base64 (an Authorization: Basic header, a dumped buffer),
 * base64url, URL-encoded (a query string, a form body) and JSON-escaped (a logged JSON string).
 */
export function encodingsOf(value: string): { form: string; text: string }[] {
  const forms = [{ form: '', text: value }];
  if (value.length < MIN_ENCODED) return forms;
  const base64 = Buffer.from(value).toString('base64');
  const candidates = [
    { form: 'base64', text: base64.replace(/=+$/, '') },
    { form: 'base64url', text: Buffer.from(value).toString('base64url') },
    { form: 'URL-encoded', text: encodeURIComponent(value) },
    { form: 'form-encoded', text: encodeURIComponent(value).replace(/%20/g, '+') },
    { form: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
  ];
  for (const c of candidates) if (!forms.some((f) => f.text === c.text)) forms.push(c);
  return forms;
}

/** "card number in logs" (or "... in logs, base64") for every secret that appears in a named text, in any of its forms. */
export function findLeaks(secrets: Secret[], texts: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(texts)) {
      const found = encodingsOf(secret.value).find((f) => text.includes(f.text));
      if (found) leaks.push(`${secret.label} in ${where}${found.form ? `, ${found.form}` : ''}`);
    }
  }
  return leaks;
}
