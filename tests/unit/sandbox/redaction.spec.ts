import { expect, test } from '@playwright/test';
import { TEST_CARDS } from '../../../mocks/processors/index.ts';
import { REDACTED, Redactor } from '../../sandbox/redact.ts';

const SECRET = 'sk_test_unit_redaction_canary';

test('secret headers are replaced whatever they hold; other headers are scrubbed of known secrets', () => {
  const r = new Redactor().add(SECRET);
  expect(r.headers({ Authorization: 'Bearer x', 'X-Api-Key': 'k', 'set-cookie': ['a=1', 'b=2'], 'x-echo': `key ${SECRET}`, 'content-type': 'application/json' })).toEqual({
    authorization: REDACTED,
    'x-api-key': REDACTED,
    'set-cookie': REDACTED,
    'x-echo': `key ${REDACTED}`,
    'content-type': 'application/json',
  });
});

test('a known secret is removed in clear and in base64 (a Basic header echoed in a body)', () => {
  const encoded = Buffer.from(SECRET).toString('base64').replace(/=+$/, '');
  const scrubbed = new Redactor().add(SECRET).text(`a ${SECRET} b ${encoded}`);
  expect(scrubbed).toBe(`a ${REDACTED} b ${REDACTED}`);
});

test('any Luhn-valid card number is masked, other digit runs are kept', () => {
  const r = new Redactor();
  expect(r.text(`card ${TEST_CARDS.approved}, id 123456789012345`)).toBe('card [card], id 123456789012345');
});

test('JSON bodies lose secret fields at any depth and known secrets in any string', () => {
  const r = new Redactor().add(SECRET);
  const body = JSON.stringify({
    access_token: 'A21AAtoken',
    nested: { payment_source: { card: { number: TEST_CARDS.approved, security_code: '123', expiry: '2030-12' } } },
    message: `Invalid API Key provided: ${SECRET}`,
    items: [{ senderPrimaryAccountNumber: TEST_CARDS.approved, amount: '10.00' }],
  });
  expect(JSON.parse(r.body(body, 'application/json'))).toEqual({
    access_token: REDACTED,
    nested: { payment_source: { card: { number: REDACTED, security_code: REDACTED, expiry: REDACTED } } },
    message: `Invalid API Key provided: ${REDACTED}`,
    items: [{ senderPrimaryAccountNumber: REDACTED, amount: '10.00' }],
  });
});

test('form bodies lose the card fields by their bracketed names', () => {
  const body = new URLSearchParams({ amount: '1000', 'payment_method_data[card][number]': TEST_CARDS.approved, 'payment_method_data[card][cvc]': '123' }).toString();
  expect(new Redactor().body(body, 'application/x-www-form-urlencoded')).toBe(`amount=1000&payment_method_data[card][number]=${REDACTED}&payment_method_data[card][cvc]=${REDACTED}`);
});

test('a token learnt from a response is scrubbed wherever it turns up later', () => {
  const r = new Redactor().learn({ scope: 's', access_token: 'A21AA_learnt_token_value', token_type: 'Bearer' });
  expect(r.text('echo A21AA_learnt_token_value')).toBe(`echo ${REDACTED}`);
});

test('a secret-looking field name is caught whatever its spelling', () => {
  const scrubbed = JSON.parse(new Redactor().body(JSON.stringify({ accessToken: 'a', client_secret: 'b', apiKey: 'c', token_type: 'Bearer', scope: 'kept' })));
  expect(scrubbed).toEqual({ accessToken: REDACTED, client_secret: REDACTED, apiKey: REDACTED, token_type: REDACTED, scope: 'kept' });
});
