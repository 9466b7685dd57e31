/** `keyward api`'s fields: `key=value` pairs that build a JSON body, after `gh api`. */
import { readNamedFile, UsageError } from '../errors.js';

export interface Field {
  key: string;
  value: unknown;
}

/**
 * A `-F` value: `true`, `false`, `null`, a number, or `@file` for the file's text; anything else stays
 * the string it is.
 * @example typedValue('5') // 5
 */
export function typedValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('@')) return readNamedFile(text.slice(1));
  return text;
}

type Node = Record<string, unknown>;

// Null-prototype objects, so that a key such as __proto__ is a plain key and changes no prototype.
const node = (): Node => Object.create(null) as Node;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON object that fields build. A key is `name`, `name[key]…` for nested objects, or ends in `[]` to
 * add to an array; a key given twice, or as both a value and an object, is a usage error.
 * @example fieldsObject([{ key: 'scopes[]', value: 'apikeys:read' }]) // { scopes: ['apikeys:read'] }
 */
export function fieldsObject(fields: Field[]): Node {
  const root = node();
  for (const { key, value } of fields) {
    const match = /^([^[\]]+)((?:\[[^[\]]+\])*)(\[\])?$/.exec(key);
    if (!match)
      throw new UsageError(`the field key ${key} is not name, name[key] or name[]: brackets must pair`);
    const names = [
      match[1] as string,
      ...[...(match[2] ?? '').matchAll(/\[([^[\]]+)\]/g)].map((m) => m[1] as string),
    ];
    const last = names.pop() as string;
    let at = root;
    for (const name of names) {
      const next = at[name] ?? node();
      if (!isNode(next)) throw new UsageError(`the field ${name} is given both as a value and as an object`);
      at[name] = next;
      at = next;
    }
    if (match[3]) {
      const list = at[last] ?? [];
      if (!Array.isArray(list))
        throw new UsageError(`the field ${last} is given both as a value and as an array`);
      list.push(value);
      at[last] = list;
    } else if (last in at) throw new UsageError(`the field ${key} is given twice`);
    else at[last] = value;
  }
  return root;
}
