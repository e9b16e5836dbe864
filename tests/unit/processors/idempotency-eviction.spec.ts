import { expect, test } from '@playwright/test';
import { IdempotencyStore } from '../../../mocks/processors/idempotency.ts';

const ok = { status: 200, headers: {}, body: '{}' };
const completed = (store: IdempotencyStore, key: string) => {
  store.admit(key, 'p');
  store.complete(key, ok);
};

test('under any number of keys the store stays at its limit and keeps the newest completed ones', () => {
  const store = new IdempotencyStore(100);
  for (let i = 0; i < 2_500; i++) completed(store, `k${i}`);
  expect(store.size).toBe(100);
  expect(store.admit('k2499', 'p')).toEqual({ kind: 'replay', response: ok });
  expect(store.admit('k2400', 'p')).toEqual({ kind: 'replay', response: ok });
  expect(store.admit('k2399', 'p')).toEqual({ kind: 'new' });
});

test('an in-flight key outlives any number of newer completed keys', () => {
  const store = new IdempotencyStore(10);
  store.admit('slow', 'p');
  for (let i = 0; i < 1_000; i++) completed(store, `k${i}`);
  expect(store.size).toBe(10);
  expect(store.admit('slow', 'p')).toEqual({ kind: 'in-flight' });
});

test('a released key admitted again counts from its new admission, not its first', () => {
  const store = new IdempotencyStore(3);
  store.admit('retried', 'p');
  store.release('retried'); // processing threw
  completed(store, 'a');
  completed(store, 'retried');
  completed(store, 'b');
  completed(store, 'c'); // one over: the oldest completed admission ('a') goes
  expect(store.admit('retried', 'p')).toEqual({ kind: 'replay', response: ok });
  expect(store.admit('a', 'p')).toEqual({ kind: 'new' });
});
