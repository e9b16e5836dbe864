import { crc32 as zlibCrc32 } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { decimalToMinor, isDecimalAmount, minorToDecimal } from '../../../mocks/processors/amounts.ts';
import { cardOutcome, isCardNumber, TEST_CARDS } from '../../../mocks/processors/cards.ts';
import { crc32 } from '../../../mocks/processors/crc32.ts';
import { decodeForm, encodeForm, header } from '../../../mocks/processors/http.ts';
import { fingerprint } from '../../../mocks/processors/idempotency.ts';

test('test cards: Stripe\'s numbers and meanings', () => {
  expect(cardOutcome(TEST_CARDS.approved)).toEqual({ outcome: 'approved' });
  expect(cardOutcome('4000000000009995')).toEqual({ outcome: 'declined', reason: 'insufficient-funds' });
  expect(cardOutcome('4000000000000002')).toEqual({ outcome: 'declined', reason: 'generic' });
  for (const card of Object.values(TEST_CARDS)) expect(isCardNumber(card)).toBe(true);
  for (const bad of ['4242424242424241', '4242', '42424242424242424242', '4242-4242-4242-4242']) expect(isCardNumber(bad), bad).toBe(false);
});

([
  ['10.00', 'EUR', 1000],
  ['10.5', 'EUR', 1050],
  ['10', 'EUR', 1000],
  ['0.07', 'USD', 7],
  ['1000', 'JPY', 1000],
] as const).forEach(([value, currency, minor]) => {
  test(`amounts: "${value}" ${currency} is ${minor} minor units`, () => {
    expect(isDecimalAmount(value, currency)).toBe(true);
    expect(decimalToMinor(value, currency)).toBe(minor);
  });
});

test('amounts: malformed decimals are refused and minor units print with the currency decimals', () => {
  for (const [value, currency] of [['10.001', 'EUR'], ['1e3', 'EUR'], ['-1.00', 'EUR'], ['10.00', 'JPY'], ['', 'EUR']] as const) {
    expect(isDecimalAmount(value, currency), `${value} ${currency}`).toBe(false);
  }
  expect(minorToDecimal(1005, 'EUR')).toBe('10.05');
  expect(minorToDecimal(1005, 'JPY')).toBe('1005');
});

test('crc32 matches zlib', () => {
  expect(crc32('123456789')).toBe(0xcbf43926);
  for (const text of ['', '{"id":"WH-1"}', 'é€😀'.repeat(50)]) expect(crc32(text)).toBe(zlibCrc32(text) >>> 0);
});

test('forms: Stripe bracket keys decode to nested objects and back', () => {
  const value = { amount: '1000', payment_method_data: { type: 'card', card: { number: '4242424242424242' } }, metadata: { reference: 'a&b=c' } };
  const body = encodeForm(value);
  expect(body).toBe('amount=1000&payment_method_data%5Btype%5D=card&payment_method_data%5Bcard%5D%5Bnumber%5D=4242424242424242&metadata%5Breference%5D=a%26b%3Dc');
  expect(decodeForm(body)).toEqual(value);
  expect(decodeForm('a[b]=1&a=2&a[c]=3')).toEqual({ a: { c: '3' } });
});

test('headers are found whatever their case', () => {
  expect(header({ headers: { 'Idempotency-Key': 'k' } }, 'idempotency-key')).toBe('k');
  expect(header({ headers: {} }, 'idempotency-key')).toBeUndefined();
});

test('fingerprints ignore key order but not values or route', () => {
  expect(fingerprint('POST', '/p', { a: 1, b: { c: 2, d: 3 } })).toBe(fingerprint('post', '/p', { b: { d: 3, c: 2 }, a: 1 }));
  expect(fingerprint('POST', '/p', { a: 1 })).not.toBe(fingerprint('POST', '/p', { a: 2 }));
  expect(fingerprint('POST', '/p', { a: 1 })).not.toBe(fingerprint('POST', '/q', { a: 1 }));
  expect(fingerprint('POST', '/p', [1, 2])).not.toBe(fingerprint('POST', '/p', [2, 1]));
});
