/**
 * The newest `limit` items pushed, oldest first. A ring: once full, a push overwrites the oldest
 * slot instead of shifting the array (an O(n) copy whenever V8 cannot trim the array's start, which
 * a 10,000-payment ledger paid on every charge).
 */
export class Recent<T> {
  readonly #items: T[] = [];
  /** The slot the next push overwrites once full: the oldest item. */
  #oldest = 0;

  constructor(readonly limit: number) {}

  /** Adds `item`; true when that pushed the oldest item out (or `limit` keeps nothing). */
  push(item: T): boolean {
    if (this.#items.length < this.limit) {
      this.#items.push(item);
      return false;
    }
    if (this.limit <= 0) return true;
    this.#items[this.#oldest] = item;
    this.#oldest = (this.#oldest + 1) % this.limit;
    return true;
  }

  get length(): number {
    return this.#items.length;
  }

  /** A copy, oldest first. */
  toArray(): T[] {
    return this.#oldest === 0 ? this.#items.slice() : [...this.#items.slice(this.#oldest), ...this.#items.slice(0, this.#oldest)];
  }
}
