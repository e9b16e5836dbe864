import { randomBytes, randomFillSync } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Random bytes from a pool refilled 4 KiB at a time: one randomFillSync per ~100 ids instead of
 * one randomBytes call (a syscall and an allocation) per id, which was ~10% of the payment route's
 * CPU under load. The bytes are the same CSPRNG's; each is used once.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}

/** `length` characters drawn uniformly from `alphabet` (bytes past the last whole multiple of its length are redrawn). */
function pick(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < limit) out += alphabet[byte % alphabet.length];
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
