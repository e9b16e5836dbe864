import { isCardNumber } from '../../mocks/processors/cards.ts';

/** Header values that are credentials whatever they hold. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie']);

/**
 * Field names whose values are secret or card data, wherever they appear (JSON keys, the last
 * bracket of a form key such as `payment_method_data[card][number]`): card fields by exact name,
 * and any name containing token, secret, password, passphrase, api key, nonce or authorization.
 */
const SECRET_FIELD =
  /^(number|cvc|cvv|security_code|expiry|exp_month|exp_year|senderPrimaryAccountNumber|recipientPrimaryAccountNumber|senderCardExpiryDate|pan|client_id)$|token|secret|password|passphrase|api_?key|nonce|authorization/i;

export const REDACTED = '[redacted]';
const CARD_RUN = /\d{12,19}/g;

/**
 * Scrubs text, headers and bodies before anything is attached, logged or reported: known secret
 * values (credentials, tokens as they are issued), secret field names, and any Luhn-valid run
 * of 12 to 19 digits (a card number, whoever sent it).
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Values too short to be a secret (or to replace safely) are ignored. */
  add(...values: (string | undefined)[]): this {
    for (const value of values) if (value && value.length >= 6) this.#secrets.add(value);
    return this;
  }

  /**
   * Remembers every long string held under a secret field name (an access token as it is
   * issued), so it is scrubbed wherever it turns up later; short ones (`token_type: "Bearer"`) are
   * not secrets and are left alone.
   */
  learn(value: unknown): this {
    if (Array.isArray(value)) for (const item of value) this.learn(item);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (typeof child === 'string' && child.length >= 12 && SECRET_FIELD.test(lastSegment(key))) this.add(child);
        else this.learn(child);
      }
    }
    return this;
  }

  text(text: string): string {
    let out = text;
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
      // The same secret inside a Basic header or any other base64 wrapping.
      out = out.split(Buffer.from(secret).toString('base64').replace(/=+$/, '')).join(REDACTED);
    }
    return out.replace(CARD_RUN, (run) => (isCardNumber(run) ? '[card]' : run));
  }

  headers(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(Array.isArray(value) ? value.join(', ') : value);
    }
    return out;
  }

  /** A JSON value with secret fields replaced and every string scrubbed. */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number') return /^\d{12,19}$/.test(String(value)) && isCardNumber(String(value)) ? '[card]' : value;
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, SECRET_FIELD.test(lastSegment(key)) ? REDACTED : this.json(child)]));
    }
    return value;
  }

  /** A request or response body, JSON or form-encoded or text, scrubbed. */
  body(body: string, contentType = ''): string {
    if (body === '') return '';
    if (/json/i.test(contentType) || /^\s*[[{]/.test(body)) {
      try {
        return JSON.stringify(this.json(JSON.parse(body)), null, 2);
      } catch {
        // Not JSON after all: scrubbed as text below.
      }
    }
    if (/x-www-form-urlencoded/i.test(contentType)) {
      const pairs = [...new URLSearchParams(body)].map(([key, value]) => [key, SECRET_FIELD.test(lastSegment(key)) ? REDACTED : this.text(value)]);
      return pairs.map(([key, value]) => `${key}=${value}`).join('&');
    }
    return this.text(body);
  }
}

/** `payment_method_data[card][number]` -> `number`. */
function lastSegment(key: string): string {
  return key.match(/\[([^[\]]*)\]$/)?.[1] ?? key;
}
