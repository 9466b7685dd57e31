import { describe, expect, it } from 'vitest';
import { loadSqlite } from './sqlite-driver.js';
import { withStatementCache } from './statement-cache.js';

function database() {
  const Sqlite = loadSqlite();
  const db = new Sqlite(':memory:');
  db.exec('CREATE TABLE t (n INTEGER)');
  db.exec('INSERT INTO t VALUES (1), (2), (3)');
  return db;
}

describe('withStatementCache', () => {
  it('prepares a statement once and runs it again with new parameters', () => {
    const db = withStatementCache(database());
    const first = db.prepare('SELECT n FROM t WHERE n > ?');
    const again = db.prepare('SELECT n FROM t WHERE n > ?');
    expect(again).toBe(first);
    expect(first.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(again.all([2])).toEqual([{ n: 3 }]);
    db.close();
  });

  it('gives a second statement while the cached one is still iterating', () => {
    const db = withStatementCache(database());
    const sql = 'SELECT n FROM t ORDER BY n';
    const streaming = db.prepare(sql).iterate([]);
    expect(streaming.next().value).toEqual({ n: 1 });
    const other = db.prepare(sql);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...streaming]).toEqual([{ n: 2 }, { n: 3 }]);
    db.close();
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = withStatementCache(database(), 2);
    const a = db.prepare('SELECT 1');
    const b = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(a);
    db.prepare('SELECT 3');
    expect(db.prepare('SELECT 1')).toBe(a);
    expect(db.prepare('SELECT 2')).not.toBe(b);
    db.close();
  });
});
