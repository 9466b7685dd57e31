/**
 * A value now, or a promise of it later. The hot path returns one of these so that an answer found in
 * memory (a cached key, a key that cannot exist) costs no promise and no trip through the microtask
 * queue; only a store read makes it asynchronous. `await` accepts either.
 */
export type MaybePromise<T> = T | Promise<T>;

/** Applies `next` to the value now if it is here, or when it arrives. */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
