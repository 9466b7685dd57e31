import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { buildWorld, type World } from '../../support/world.js';
import { answers, type Row } from './answers.js';
import { type Example, examplesOf, type Spoil, spoil } from './examples.js';
import { openSnapshots, type Snapshots } from './store-snapshot.js';

export interface Fixture {
  t: TestApp;
  w: World;
  snapshots: Snapshots;
  examples: Record<string, Example>;
  /** The example of an operation by name; throws on a name the API does not have. */
  example(name: string): Example;
  /** Sends every row and returns each one's answer, by row name. */
  answers(rows: Row[]): Promise<Record<string, string>>;
  /** The example's JSON body, to spread into a spoiled one. */
  body(name: string): Record<string, unknown>;
  /** A table row: the example of `op` with one part spoiled, and the answer it must get. */
  row(op: string, change: Spoil, expect: string | RegExp, label?: string): Row;
}

/**
 * One populated cluster for a file of bad-input tables. Sharing it is sound only because bad input
 * changes nothing, which every row checks.
 */
export function useWorld(): Fixture {
  const fixture = {
    body: (name: string) => fixture.example(name).body as Record<string, unknown>,
    row: (op: string, change: Spoil, expect: string | RegExp, label = '') => ({
      name: label ? `${op} ${label}` : op,
      request: spoil(fixture.example(op), fixture.w, change),
      expect,
    }),
  } as Fixture;
  beforeAll(async () => {
    const t = await createTestApp();
    const w = await buildWorld(t);
    const snapshots = openSnapshots(t);
    const examples = examplesOf(w);
    Object.assign(fixture, {
      t,
      w,
      snapshots,
      examples,
      example(name: string) {
        const found = examples[name];
        if (!found) throw new Error(`no example for ${name}`);
        return found;
      },
      answers: (rows: Row[]) => answers(t, snapshots, rows),
    });
  });
  afterAll(async () => {
    await fixture.snapshots?.close();
    await fixture.t?.close();
  });
  return fixture;
}
