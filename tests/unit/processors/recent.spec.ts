import { expect, test } from '@playwright/test';
import { Recent } from '../../../mocks/processors/recent.ts';

const filled = (limit: number, count: number) => {
  const recent = new Recent<number>(limit);
  const dropped = Array.from({ length: count }, (_, i) => recent.push(i)).filter(Boolean).length;
  return { items: recent.toArray(), dropped };
};

[
  // [limit, pushed, kept (oldest first), dropped]
  [3, 2, [0, 1], 0],
  [3, 3, [0, 1, 2], 0],
  [3, 4, [1, 2, 3], 1],
  [3, 7, [4, 5, 6], 4],
  [3, 9, [6, 7, 8], 6],
  [0, 2, [], 2],
].forEach(([limit, pushed, kept, dropped]) => {
  test(`Recent(${limit}) after ${pushed} pushes keeps ${JSON.stringify(kept)}, oldest first, and says ${dropped} went`, () => {
    expect(filled(limit as number, pushed as number)).toEqual({ items: kept, dropped });
  });
});

test('toArray is a copy', () => {
  const recent = new Recent<number>(2);
  recent.push(1);
  recent.toArray().push(99);
  expect(recent.toArray()).toEqual([1]);
  expect(recent.length).toBe(1);
});
