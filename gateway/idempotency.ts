import { createHash } from 'node:crypto';

export type IdempotencyInput = {
  /** The caller's Idempotency-Key header. */
  callerKey: string;
  processor: string;
  /** The profile's limit on the key's length. */
  maxLength: number;
  /** 1 for the first attempt: the key must not depend on it. */
  attempt: number;
};
export type IdempotencyKeyPart = (input: IdempotencyInput) => string;

/**
 * The key sent to the processor: the caller's own key when it fits the processor's limit and
 * alphabet, else a stable hash of it. Never depends on the attempt: every retry carries the same key.
 */
export const idempotencyKey: IdempotencyKeyPart = ({ callerKey, maxLength }) => {
  if (callerKey.length <= maxLength && /^[A-Za-z0-9._:-]+$/.test(callerKey)) return callerKey;
  return `gk-${createHash('sha256').update(callerKey).digest('hex')}`.slice(0, maxLength);
};
