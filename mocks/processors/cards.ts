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

const APPROVED: CardOutcome = { outcome: 'approved' };

/**
 * A Map, not an object: a card number is a fresh string per request, and a keyed load on an
 * object literal deoptimised every caller on it ("wrong name") under load.
 */
const outcomes = new Map<string, CardOutcome>([
  [TEST_CARDS.declinedGeneric, { outcome: 'declined', reason: 'generic' }],
  [TEST_CARDS.declinedInsufficientFunds, { outcome: 'declined', reason: 'insufficient-funds' }],
]);

export function cardOutcome(number: string): CardOutcome {
  return outcomes.get(number) ?? APPROVED;
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

/** A test payment instrument that stands for a card: Stripe's PaymentMethods and tokens. */
export type TestInstrument = CardOutcome & { brand: string; last4: string };

const approved = (brand: string, last4: string): TestInstrument => ({ outcome: 'approved', brand, last4 });
const declined = (reason: DeclineReason, brand: string, last4: string): TestInstrument => ({ outcome: 'declined', reason, brand, last4 });

/**
 * Stripe's test PaymentMethods (`payment_method: 'pm_card_visa'`) that the mock knows, with the
 * outcome Stripe's test mode gives them. Any other `pm_card_...` id is "No such PaymentMethod".
 */
export const STRIPE_TEST_PAYMENT_METHODS: Record<string, TestInstrument> = {
  pm_card_visa: approved('visa', '4242'),
  pm_card_visa_debit: approved('visa', '5556'),
  pm_card_mastercard: approved('mastercard', '4444'),
  pm_card_mastercard_debit: approved('mastercard', '8210'),
  pm_card_amex: approved('amex', '8431'),
  pm_card_discover: approved('discover', '1117'),
  pm_card_chargeDeclined: declined('generic', 'visa', '0002'),
  pm_card_visa_chargeDeclined: declined('generic', 'visa', '0002'),
  pm_card_chargeDeclinedInsufficientFunds: declined('insufficient-funds', 'visa', '9995'),
  pm_card_visa_chargeDeclinedInsufficientFunds: declined('insufficient-funds', 'visa', '9995'),
};

/** Stripe's test card tokens (`payment_method_data[card][token]: 'tok_visa'`) that the mock knows. */
export const STRIPE_TEST_TOKENS: Record<string, TestInstrument> = {
  tok_visa: approved('visa', '4242'),
  tok_visa_debit: approved('visa', '5556'),
  tok_mastercard: approved('mastercard', '4444'),
  tok_amex: approved('amex', '8431'),
  tok_chargeDeclined: declined('generic', 'visa', '0002'),
  tok_chargeDeclinedInsufficientFunds: declined('insufficient-funds', 'visa', '9995'),
};

/**
 * Adyen's test environment: raw test card numbers (with the raw-card role) or the same number as
 * an "encrypted" field with the `test_` prefix (`encryptedCardNumber: 'test_4111111111111111'`),
 * which Adyen's test environment accepts without the raw-card role. Adyen simulates a refusal
 * through the holder name; the mock knows these two (and Stripe's decline numbers, see README).
 */
export const ADYEN_TEST_PREFIX = 'test_';
export const ADYEN_REFUSAL_HOLDER_NAMES: Record<string, DeclineReason> = { DECLINED: 'generic', NOT_ENOUGH_BALANCE: 'insufficient-funds' };

/** The Stripe test PaymentMethod standing for each shared test card: what an account without raw-card access sends instead. */
export const STRIPE_PAYMENT_METHOD_FOR: Record<(typeof TEST_CARDS)[keyof typeof TEST_CARDS], string> = {
  [TEST_CARDS.approved]: 'pm_card_visa',
  [TEST_CARDS.declinedGeneric]: 'pm_card_chargeDeclined',
  [TEST_CARDS.declinedInsufficientFunds]: 'pm_card_visa_chargeDeclinedInsufficientFunds',
};

/** A test card as Adyen's test environment takes it without the raw-card role: `test_`-prefixed "encrypted" fields. */
export function adyenEncryptedTestCard(number: string, holderName?: string) {
  return {
    type: 'scheme' as const,
    encryptedCardNumber: `${ADYEN_TEST_PREFIX}${number}`,
    encryptedExpiryMonth: `${ADYEN_TEST_PREFIX}03`,
    encryptedExpiryYear: `${ADYEN_TEST_PREFIX}2030`,
    encryptedSecurityCode: `${ADYEN_TEST_PREFIX}737`,
    ...(holderName === undefined ? {} : { holderName }),
  };
}

/** Adyen's own test Visa (expiry 03/2030, CVC 737 in Adyen's test card list). */
export const ADYEN_TEST_VISA = '4111111111111111';

/** Each shared test card as Adyen's test environment simulates it: Adyen's test Visa, refused through the holder name. */
export const ADYEN_TEST_CARD_FOR: Record<(typeof TEST_CARDS)[keyof typeof TEST_CARDS], { number: string; holderName?: string }> = {
  [TEST_CARDS.approved]: { number: ADYEN_TEST_VISA },
  [TEST_CARDS.declinedGeneric]: { number: ADYEN_TEST_VISA, holderName: 'DECLINED' },
  [TEST_CARDS.declinedInsufficientFunds]: { number: ADYEN_TEST_VISA, holderName: 'NOT_ENOUGH_BALANCE' },
};
