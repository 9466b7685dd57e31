import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { buildWorld, type World } from '../../support/world.js';
import { answers, type Row } from './answers.js';
import { type Example, examplesOf } from './examples.js';
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
}

/**
 * One populated cluster for a file of bad-input tables. Sharing it is sound only because bad input
 * changes nothing, which every row checks.
 */
export function useWorld(): Fixture {
  const fixture = {} as Fixture;
  beforeAll(async () => {
    const t = await createTestApp();
    const w = await buildWorld(t);
    const snapshots = openSnapshots(t.dir);
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
    fixture.snapshots?.close();
    await fixture.t?.close();
  });
  return fixture;
}
