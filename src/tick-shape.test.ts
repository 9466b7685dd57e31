import { createHook } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { keepTickShape } from './tick-shape.js';

// A full collection that reduces memory, as V8's memory reducer runs on an idle heap, and V8's own
// test of whether two objects share a hidden class.
setFlagsFromString('--expose-gc');
setFlagsFromString('--allow-natives-syntax');
const gc = runInNewContext('gc') as (options: object) => void;
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** The entry the next `process.nextTick` queues, caught as `keepTickShape` catches it. */
function nextTickEntry(): object {
  let entry: object | undefined;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') entry ??= resource;
    },
  }).enable();
  process.nextTick(() => {});
  hook.disable();
  if (entry === undefined) throw new Error('no TickObject was queued');
  return entry;
}

/** Collects as the memory reducer does, once the entries queued so far have run. */
async function reduceMemory(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

describe('keepTickShape', () => {
  it("holds one of this Node's nextTick entries, the same one on every call", () => {
    const kept = keepTickShape();
    expect(kept).toBeDefined();
    const symbols = Object.getOwnPropertySymbols(kept).map((symbol) => symbol.description);
    expect(symbols).toEqual(expect.arrayContaining(['async_id_symbol', 'trigger_async_id_symbol']));
    expect(keepTickShape()).toBe(kept);
  });

  it('gives entries queued after a memory-reducing collection the hidden class of the one it holds', async () => {
    const kept = keepTickShape() as object;
    await reduceMemory();
    expect(haveSameMap(nextTickEntry(), kept)).toBe(true);
  });
});
