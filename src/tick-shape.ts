import { createHook } from 'node:async_hooks';

let kept: object | undefined;

/**
 * Keeps one of `process.nextTick`'s queue entries alive for the life of the process, so that the shape
 * V8 gives every later one stays alive with it.
 *
 * Node builds each entry as an object literal with computed keys (`{ [async_id_symbol]: …, … }`). V8
 * remembers the hidden classes such a literal passes through only weakly, and an idle server has no
 * entry alive: the memory reducer's collection of an idle heap then frees them. From that point on, in
 * a server that went on to take load, every entry was built through V8's runtime (callgrind:
 * `Runtime_DefineKeyedOwnPropertyInLiteral` and `JSObject::MigrateToMap` about 30 times per request),
 * a tick cost 5 to 10 times what it did before, and a request from memory 30% to 40% more
 * instructions, for as long as the process lived (BENCHMARKS.md, "What dominates"). One entry held
 * here keeps the whole chain of hidden classes reachable.
 *
 * The entry is caught by an async hook that is enabled for one `nextTick` call and disabled at once.
 * Returns the entry held (the same one on every call), or undefined if this Node names its tick
 * entries otherwise, in which case nothing is held and nothing else changes.
 */
export function keepTickShape(): object | undefined {
  if (kept !== undefined) return kept;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject' && kept === undefined) kept = resource;
    },
  });
  hook.enable();
  try {
    process.nextTick(noop);
  } finally {
    hook.disable();
  }
  return kept;
}

function noop(): void {}
