import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

/**
 * Nango's catalog (`@nangohq/providers`, pinned to an exact version in package.json), read for the
 * entries Keyward can hold: `auth_mode` API_KEY and BASIC, with their aliases resolved.
 *
 * The file is about 1,000 entries and 1 MB, and parsing all of it takes about 0.45 s, more than half
 * of what `keyward serve` otherwise takes to start. So it is cut at its top-level keys, and only the
 * entries that can matter are parsed, one by one: those that say API_KEY or BASIC, those with an
 * alias, and what they alias. That is half the file, in about 0.25 s. nango-source.test.ts checks
 * that this reads the same entries as parsing the whole file does.
 */

export type RawEntry = Readonly<Record<string, unknown>>;

export const KEPT_AUTH_MODES: ReadonlySet<unknown> = new Set(['API_KEY', 'BASIC']);

/** Where the installed package keeps its catalog. */
export function nangoCatalogPath(): string {
  return createRequire(import.meta.url).resolve('@nangohq/providers/providers.yaml');
}

export function readNangoCatalog(path = nangoCatalogPath()): string {
  return readFileSync(path, 'utf8');
}

const TOP_LEVEL_KEY = /^([A-Za-z0-9_][^\s:#]*):[ \t]*$/gm;
const MAYBE_KEPT = /^[ \t]+(?:auth_mode:[ \t]*['"]?(?:API_KEY|BASIC)['"]?[ \t]*|alias:.*)$/m;

/** The API_KEY and BASIC entries of a catalog's text, by name, each with its alias resolved. */
export function nangoEntries(text: string): Map<string, RawEntry> {
  const chunks = topLevelChunks(text);
  const parsed = new Map<string, RawEntry | undefined>();
  const entry = (name: string): RawEntry | undefined => {
    if (!parsed.has(name)) {
      const chunk = chunks.get(name);
      parsed.set(name, chunk === undefined ? undefined : asEntry(asEntry(parse(chunk))?.[name]));
    }
    return parsed.get(name);
  };
  const kept = new Map<string, RawEntry>();
  for (const [name, chunk] of chunks) {
    if (!MAYBE_KEPT.test(chunk)) continue;
    const resolved = resolveAlias(name, entry, new Set());
    if (resolved !== undefined && KEPT_AUTH_MODES.has(resolved.auth_mode)) kept.set(name, resolved);
  }
  return kept;
}

/** Every entry of a parsed catalog, aliases resolved: what `nangoEntries` must agree with. */
export function allEntries(doc: unknown): Map<string, RawEntry> {
  const all = asEntry(doc) ?? {};
  const out = new Map<string, RawEntry>();
  for (const name of Object.keys(all)) {
    const resolved = resolveAlias(name, (n) => asEntry(all[n]), new Set());
    if (resolved !== undefined) out.set(name, resolved);
  }
  return out;
}

/** An entry with `alias: other` is the other entry with its own fields over it, as Nango reads it. */
function resolveAlias(
  name: string,
  entry: (name: string) => RawEntry | undefined,
  seen: Set<string>,
): RawEntry | undefined {
  const own = entry(name);
  if (own === undefined || typeof own.alias !== 'string' || seen.has(name)) return own;
  seen.add(name);
  const { alias, ...overrides } = own;
  return { ...resolveAlias(alias, entry, seen), ...overrides };
}

function topLevelChunks(text: string): Map<string, string> {
  const starts = [...text.matchAll(TOP_LEVEL_KEY)].map((m) => ({ name: m[1] ?? '', at: m.index }));
  const chunks = new Map<string, string>();
  starts.forEach(({ name, at }, i) => {
    chunks.set(name, text.slice(at, starts[i + 1]?.at ?? text.length));
  });
  return chunks;
}

function asEntry(value: unknown): RawEntry | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as RawEntry)
    : undefined;
}
