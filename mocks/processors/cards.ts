/**
 * Test card outcomes, shared by every profile. The numbers and their meaning are Stripe's
 * (so the sandbox tier sees the same outcome from the real Stripe test mode); the other
 * profiles reuse them. Any other Luhn-valid number is approved.
 */
export type DeclineReason = 'insufficient-funds' | 'generic';
export type CardOutcome = { outcome: 'approved' } | { outcome: 'declined'; reason: DeclineReason };

export const TEST_CARDS = {
  approved: '4242424242424242',
  /** Stripe: card_declined / generic_decline. */
  declinedGeneric: '4000000000000002',
  /** Stripe: card_declined / insufficient_funds. */
  declinedInsufficientFunds: '4000000000009995',
} as const;

const outcomes: Record<string, CardOutcome> = {
  [TEST_CARDS.declinedGeneric]: { outcome: 'declined', reason: 'generic' },
  [TEST_CARDS.declinedInsufficientFunds]: { outcome: 'declined', reason: 'insufficient-funds' },
};

export function cardOutcome(number: string): CardOutcome {
  return outcomes[number] ?? { outcome: 'approved' };
}

/** 12 to 19 digits passing the Luhn check. */
export function isCardNumber(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1 && (digit *= 2) > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}
