import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { profiles } from '../../../mocks/processors/index.ts';
import { DriftReport, driftMessage, findDrift, recordDrift, type Answer, type SchemaName } from '../../sandbox/drift.ts';
import { fieldPath, shapeOf } from '../../sandbox/shape.ts';

const json = (status: number, body: unknown): Answer => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

function drift(profile: keyof typeof profiles, schemaName: SchemaName, expectedStatus: number, answer: Answer) {
  return findDrift({ profile, route: 'POST /x', test: 'unit', schemaName, schema: profiles[profile].schemas[schemaName]!, expectedStatus, answer });
}

const intent = { id: 'pi_123', object: 'payment_intent', amount: 1000, currency: 'eur', status: 'succeeded', created: 1, livemode: false, payment_method: 'pm_1', metadata: { reference: 'r' } };

test('an answer the mock schema accepts is no drift, extra fields included (the mock is a subset)', () => {
  expect(drift('stripe', 'paymentResponse', 200, json(200, { ...intent, livemode: false, latest_charge: 'ch_1' }))).toEqual([]);
});

const cases: [string, keyof typeof profiles, SchemaName, number, Answer, [string, string, string][]][] = [
  ['a missing field', 'stripe', 'paymentResponse', 200, json(200, { ...intent, status: undefined }), [['status', '"succeeded"', 'missing']]],
  ['a changed type, nested', 'stripe', 'paymentResponse', 200, json(200, { ...intent, metadata: { reference: 7 } }), [['metadata.reference', 'string', 'integer']]],
  ['a value outside the enum', 'adyen', 'declineResponse', 200, json(200, { pspReference: 'ABCDEFGHIJKLMNOP', resultCode: 'Refused', refusalReason: 'CVC Declined', refusalReasonCode: '24', merchantReference: 'r' }), [
    ['refusalReason', '"Not enough balance" | "Refused"', 'string'],
    ['refusalReasonCode', '"2" | "12"', 'string'],
  ]],
  ['a field inside an array', 'paypal', 'paymentResponse', 201, json(201, { id: 'O', status: 'COMPLETED', purchase_units: [{ reference_id: 'r', payments: { captures: [] } }] }), [
    ['purchase_units[0].payments.captures', 'array(>=1) of object {id, status, amount}', 'array(0)'],
  ]],
  ['an answer that matches no branch of a union', 'paypal', 'errorResponse', 401, json(401, { message: 'x' }), [
    ['(body)', 'object {name, message, debug_id, details?} | object {error, error_description}', 'object {message}'],
  ]],
  ['another HTTP status', 'stripe', 'declineResponse', 402, json(200, intent), [
    ['(HTTP status)', 'HTTP 402, object {error}', 'HTTP 200, object {id, object, amount, currency, status, created, livemode, payment_method, metadata}'],
  ]],
  ['a body that is not JSON', 'visa', 'paymentResponse', 200, { status: 200, contentType: 'text/html', body: '<html>maintenance</html>' }, [
    ['(body)', 'JSON object {transactionIdentifier, actionCode, approvalCode, transmissionDateTime}', 'not JSON (text/html, 24 bytes)'],
  ]],
];
for (const [what, profile, schema, status, answer, expected] of cases) {
  test(`drift names the field path and both shapes: ${what}`, () => {
    expect(drift(profile, schema, status, answer).map((e) => [e.field, e.mockShape, e.sandboxShape])).toEqual(expected);
  });
}

test('a drift entry carries shapes, never the values the sandbox sent', () => {
  const secretish = { ...intent, id: 'cus_secret_value_123', status: 'requires_action_secret_value' };
  const entries = drift('stripe', 'paymentResponse', 200, json(200, secretish));
  expect(entries.map((e) => e.field)).toEqual(['id', 'status']);
  expect(JSON.stringify(entries)).not.toContain('secret_value');
});

test('shapes: types and key names only', () => {
  expect([shapeOf(undefined), shapeOf(null), shapeOf(1), shapeOf(1.5), shapeOf('s'), shapeOf(true), shapeOf([1, 'a']), shapeOf({ a: { b: 1 } })]).toEqual([
    'missing', 'null', 'integer', 'number', 'string', 'boolean', 'array(2) of integer | string', 'object {a}',
  ]);
  expect(fieldPath(['purchase_units', 0, 'payments', 'captures', 1, 'id'])).toBe('purchase_units[0].payments.captures[1].id');
});

test('recordDrift appends to one report, and the message names each field and the file', ({}, testInfo) => {
  const file = testInfo.outputPath('drift.json');
  const [first] = drift('stripe', 'paymentResponse', 200, json(200, { ...intent, status: undefined }));
  const [second] = drift('stripe', 'paymentResponse', 200, json(200, { ...intent, amount: '1000' }));
  recordDrift(file, [first!]);
  recordDrift(file, [second!]);
  expect(DriftReport.parse(JSON.parse(readFileSync(file, 'utf8'))).entries.map((e) => e.field)).toEqual(['status', 'amount']);
  expect(driftMessage([first!, second!], file)).toBe(
    `stripe POST /x: the sandbox answer drifted from the mock's paymentResponse schema:\n` +
      `  status: mock expects "succeeded"; sandbox sent missing (Invalid input: expected "succeeded")\n` +
      `  amount: mock expects integer; sandbox sent string (Invalid input: expected number, received string)\n` +
      `Drift report: ${file}`,
  );
});
