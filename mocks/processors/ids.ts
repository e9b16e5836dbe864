import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` characters drawn uniformly from `alphabet` (one randomBytes call; bytes past the last whole multiple are redrawn). */
function pick(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length + 8)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Identifiers in the shape each processor uses; random, never meaningful. */
export const ids = {
  /** Stripe object ids: `pi_3Mock...` (prefix + 24 alphanumerics). */
  stripe: (prefix: string) => `${prefix}_${pick(alnum, 24)}`,
  /** Adyen pspReference: 16 upper-case alphanumerics. */
  psp: () => pick(ALNUM, 16),
  /** PayPal order and capture ids: 17 upper-case alphanumerics. */
  paypal: () => pick(ALNUM, 17),
  /** PayPal debug_id: 13 hex digits. */
  debug: () => randomBytes(7).toString('hex').slice(0, 13),
  /** Visa transactionIdentifier: 15 digits. */
  digits: (length: number) => pick('0123456789', length),
  /** Visa approvalCode: 6 upper-case alphanumerics. */
  approval: () => pick(ALNUM, 6),
  /** Opaque tokens. */
  token: (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`,
};
