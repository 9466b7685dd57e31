import fc from 'fast-check';
import type { Schema } from './operations.js';
import { accepts } from './schema-oracle.js';

/**
 * Characters that make a string look right and be wrong: C0 and C1 controls, invisibles and direction
 * marks, a combining accent, Cyrillic and fullwidth look-alikes, letters that change length when
 * case-folded, and characters with a meaning in URLs and JSON.
 */
const TRICKS = [
  ...'\u0000\u0007\u001b\u007f\n\u0085\u009b\u200b\u200e\u202e\u2028\ufeff\u0301\u043e\u0430\uff10\uff41İß /%"\\',
];

// The API refuses prototype-poisoning JSON before validation (tested on its own); bodies stay clear of it.
export const noPoison = (value: unknown) => !/"(__proto__|constructor)"/.test(JSON.stringify(value) ?? '');
export const fieldName = fc
  .string({ maxLength: 12 })
  .filter((key) => key !== '__proto__' && key !== 'constructor');
const isNotRecord = (v: unknown) => typeof v !== 'object' || v === null || Array.isArray(v);
const smallJson = fc.jsonValue({ maxDepth: 2 }).filter(noPoison);

/** A value of every JSON type but the one wanted; the oracle keeps those that are really wrong. */
const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fieldName, fc.integer(), { maxKeys: 2 }),
);

/** A string of `length` or a little more, built by repetition so that long ones stay cheap to generate. */
const longString = (length: number) =>
  fc
    .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.nat(64))
    .map(([unit, extra]) => unit.repeat(Math.ceil((length + extra) / unit.length)));

const BAD_TIMESTAMPS = [
  '2030-06-30T23:59:60Z',
  '2031-02-29T00:00:00Z',
  '2031-13-01T00:00:00Z',
  '2031-01-01',
  '2031-01-01T00:00:00',
  '2031-01-01T24:00:00Z',
  '1700000000',
  'yesterday',
  '',
];

/** Values that satisfy `schema`. */
export function validArb(schema: Schema): fc.Arbitrary<unknown> {
  return rawValid(schema).filter((value) => accepts(schema, value));
}

function rawValid(s: Schema): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...(s.anyOf as Schema[]).map(validArb));
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  switch (s.type) {
    case 'string':
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2001-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern, 'u'));
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.max(s.minLength ?? 0, 30) });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const size = { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, 3) };
      const item = validArb(s.items);
      return s.uniqueItems
        ? fc.uniqueArray(item, { ...size, selector: (v) => JSON.stringify(v) })
        : fc.array(item, size);
    }
    case 'object': {
      if (!s.properties) return fc.dictionary(fieldName, smallJson, { maxKeys: 4 });
      const model = Object.fromEntries(
        Object.entries<Schema>(s.properties).map(([k, v]) => [k, validArb(v)]),
      );
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
  }
  return smallJson;
}

/** Values that violate `schema`, each by one defect, or null when nothing can (free JSON). */
export function invalidArb(schema: Schema): fc.Arbitrary<unknown> | null {
  const candidates = rawInvalid(schema);
  if (candidates.length === 0) return null;
  return fc.oneof(...candidates).filter((value) => noPoison(value) && !accepts(schema, value));
}

function rawInvalid(s: Schema): fc.Arbitrary<unknown>[] {
  if (s.anyOf) {
    const branches = (s.anyOf as Schema[]).flatMap(rawInvalid);
    return [junk, ...branches];
  }
  if (s.enum) return [junk, fc.string({ maxLength: 12 }), fc.constantFrom(...s.enum.map(String)).map(shout)];
  switch (s.type) {
    case 'string':
      return [
        junk,
        ...(s.maxLength !== undefined ? [longString(s.maxLength + 1)] : []),
        ...(s.minLength ? [fc.string({ maxLength: s.minLength - 1 })] : []),
        ...(s.pattern || s.format
          ? [withTrick(rawValid(s)), fc.string({ unit: 'grapheme', maxLength: 40 })]
          : []),
        ...(s.format === 'date-time' ? [fc.constantFrom(...BAD_TIMESTAMPS)] : []),
      ];
    case 'integer':
      return [
        junk,
        fc.constantFrom(1.5, -1, 0, 1e12, -1e12, 2 ** 53, 1e308),
        ...(s.minimum !== undefined ? [fc.nat().map((n) => s.minimum - 1 - n)] : []),
        ...(s.maximum !== undefined ? [fc.nat().map((n) => s.maximum + 1 + n)] : []),
        rawValid(s).map((n) => String(n)),
      ];
    case 'boolean':
      return [junk, fc.constantFrom('true', 'false', 1, 0)];
    case 'array':
      return [junk, ...arrayDefects(s)];
    case 'object':
      return s.properties ? objectDefects(s) : recordDefects(s);
  }
  return [];
}

const shout = (value: string) => (value === value.toUpperCase() ? ` ${value}` : value.toUpperCase());

/** A valid string with one trick character put in, swapped in, or appended. */
export const withTrick = (valid: fc.Arbitrary<unknown>) =>
  fc.tuple(valid, fc.constantFrom(...TRICKS), fc.nat(), fc.boolean()).map(([value, trick, at, replace]) => {
    const text = String(value);
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + trick + text.slice(replace ? i + 1 : i);
  });

function arrayDefects(s: Schema): fc.Arbitrary<unknown>[] {
  const item = validArb(s.items);
  const defects: fc.Arbitrary<unknown>[] = [];
  if (s.maxItems !== undefined) {
    defects.push(
      fc.tuple(item, fc.integer({ min: 1, max: 3 })).map(([v, n]) => Array(s.maxItems + n).fill(v)),
    );
  }
  if (s.minItems) defects.push(fc.constant([]));
  if (s.uniqueItems) defects.push(item.map((v) => [v, v]));
  const badItem = invalidArb(s.items);
  if (badItem)
    defects.push(fc.tuple(fc.array(item, { maxLength: 2 }), badItem).map(([ok, bad]) => [...ok, bad]));
  return defects;
}

function objectDefects(s: Schema): fc.Arbitrary<unknown>[] {
  const valid = validArb(s) as fc.Arbitrary<Record<string, unknown>>;
  const known = Object.keys(s.properties);
  const defects: fc.Arbitrary<unknown>[] = [junk.filter(isNotRecord)];
  const required: string[] = s.required ?? [];
  if (required.length > 0) {
    defects.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([v, drop]) => {
        const { [drop]: _dropped, ...rest } = v;
        return rest;
      }),
    );
  }
  if (s.additionalProperties === false) {
    const unknown = fieldName.filter((k) => !known.includes(k));
    defects.push(fc.tuple(valid, unknown, smallJson).map(([v, k, extra]) => ({ ...v, [k]: extra })));
  }
  const bad = known.flatMap((k) => {
    const arb = invalidArb(s.properties[k]);
    return arb ? [fc.tuple(valid, arb).map(([v, value]) => ({ ...v, [k]: value }))] : [];
  });
  return [...defects, ...bad];
}

/** Free-form maps such as `meta`: too many entries, or not a map at all. */
function recordDefects(s: Schema): fc.Arbitrary<unknown>[] {
  const defects: fc.Arbitrary<unknown>[] = [junk.filter(isNotRecord)];
  if (s.maxProperties !== undefined) {
    defects.push(
      fc
        .integer({ min: s.maxProperties + 1, max: s.maxProperties + 8 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
    );
  }
  return defects;
}
