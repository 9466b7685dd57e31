import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { fieldsObject, typedValue } from './api-fields.js';

const build = (...pairs: [string, unknown][]) =>
  JSON.parse(JSON.stringify(fieldsObject(pairs.map(([key, value]) => ({ key, value })))));

describe('fieldsObject', () => {
  it('nests name[key] and appends name[]', () => {
    expect(
      build(
        ['name', 'ci'],
        ['ratelimit[limit]', 5],
        ['ratelimit[window]', 60],
        ['scopes[]', 'a:b'],
        ['scopes[]', 'c:d'],
      ),
    ).toEqual({ name: 'ci', ratelimit: { limit: 5, window: 60 }, scopes: ['a:b', 'c:d'] });
    expect(build(['a[b][c]', true])).toEqual({ a: { b: { c: true } } });
  });

  it('keeps __proto__ a plain key, changing no prototype', () => {
    const built = fieldsObject([{ key: '__proto__[polluted]', value: 'yes' }]);
    expect(JSON.stringify(built)).toBe('{"__proto__":{"polluted":"yes"}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a key given twice, a value that is also an object or array, and unpaired brackets', () => {
    for (const pairs of [
      [
        ['a', 1],
        ['a', 2],
      ],
      [
        ['a', 1],
        ['a[b]', 2],
      ],
      [
        ['a[b]', 1],
        ['a[]', 2],
      ],
      [['a[', 1]],
      [['a]b', 1]],
      [['[a]', 1]],
    ] as [string, unknown][][])
      expect(() => build(...pairs), JSON.stringify(pairs)).toThrow(UsageError);
  });
});

describe('typedValue', () => {
  it('reads true, false, null and numbers, and leaves anything else a string', () => {
    expect([true, false, null, 0, -3, 2.5]).toEqual(
      ['true', 'false', 'null', '0', '-3', '2.5'].map(typedValue),
    );
    for (const text of ['01', '1e3', 'True', '', ' 1', '0x10']) expect(typedValue(text)).toBe(text);
  });
});
