import { expect, test } from '@playwright/test';
import { IdempotencyStore } from '../../../mocks/processors/idempotency.ts';
import { MEMORY_LIMIT, ProcessorState } from '../../../mocks/processors/state.ts';

const ok = { status: 200, headers: {}, body: '{}' };

test('the idempotency store forgets the oldest completed keys beyond its limit, never an in-flight one', () => {
  const store = new IdempotencyStore(3);
  store.admit('in-flight', 'p');
  for (const key of ['a', 'b', 'c', 'd']) {
    store.admit(key, 'p');
    store.complete(key, ok);
  }
  expect(store.size).toBe(3);
  expect(store.admit('in-flight', 'p')).toEqual({ kind: 'in-flight' });
  expect(store.admit('d', 'p')).toEqual({ kind: 'replay', response: ok });
  expect(store.admit('a', 'p')).toEqual({ kind: 'new' });
});

test('a processor remembers at most MEMORY_LIMIT committed payments and tokens', () => {
  const state = new ProcessorState('stripe');
  for (let i = 0; i < MEMORY_LIMIT + 5; i++) {
    state.commit({ id: `pi_${i}`, idempotencyKey: null, amount: 1, currency: 'EUR', reference: 'r', outcome: 'approved' });
    state.issueToken(`t${i}`, 0);
  }
  expect(state.payments).toHaveLength(MEMORY_LIMIT);
  expect(state.payments.at(-1)?.id).toBe(`pi_${MEMORY_LIMIT + 4}`);
  expect(state.tokens.size).toBe(MEMORY_LIMIT);
});
