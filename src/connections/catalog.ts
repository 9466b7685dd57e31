import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileProvider } from './compile-provider.js';
import { nangoEntries, readNangoCatalog } from './nango-source.js';
import { asRecord } from './refusal.js';
import type { Provider, Refusal } from './types.js';

/**
 * The providers Keyward can hold connections to: Nango's API_KEY and BASIC entries that Keyward can
 * honour, and Keyward's own (src/connections/providers.yaml), which win a clash of names.
 */
export interface Catalog {
  readonly providers: ReadonlyMap<string, Provider>;
  /** The entries left out, and why, for the server to log at start. */
  readonly refused: readonly Refusal[];
  get(name: string): Provider | undefined;
  /** Providers by name, `limit` at a time, each page after the last name of the one before. */
  list(options?: ListOptions): ProviderPage;
}

export interface ListOptions {
  /** Matched, without regard to case, within the name, the display name and the categories. */
  readonly search?: string;
  /** 1–500; 50 when left out. */
  readonly limit?: number;
  /** Only names that sort after this one. */
  readonly after?: string;
}

export interface ProviderPage {
  readonly providers: readonly Provider[];
  /** The `after` of the next page, when there is one. */
  readonly next?: string;
}

export interface CatalogSources {
  /** Nango's providers.yaml; the installed `@nangohq/providers` when left out. */
  readonly nangoPath?: string;
  /** Keyward's providers.yaml; the one beside this module when left out. */
  readonly keywardPath?: string;
}

/**
 * Reads and checks both catalogs. Synchronous, and about 0.3 s: call it once at start
 * and keep the result.
 *
 * @example
 * const catalog = loadCatalog();
 * for (const { name, reason } of catalog.refused) logger.info({ provider: name, reason }, 'provider left out');
 * catalog.get('sentinelone');
 */
export function loadCatalog(sources: CatalogSources = {}): Catalog {
  const keywardPath = sources.keywardPath ?? fileURLToPath(new URL('./providers.yaml', import.meta.url));
  return buildCatalog(readNangoCatalog(sources.nangoPath), readFileSync(keywardPath, 'utf8'));
}

/**
 * The catalog made of two catalogs' text. An entry of Keyward's own that cannot be honoured is a bug
 * in this repository, and throws.
 */
export function buildCatalog(nangoText: string, keywardText: string): Catalog {
  const providers = new Map<string, Provider>();
  const refused: Refusal[] = [];
  const own = asRecord(parse(keywardText)) ?? {};
  for (const [name, raw] of nangoEntries(nangoText)) {
    if (Object.hasOwn(own, name)) {
      refused.push({ name, reason: "Keyward's own entry of that name replaces it" });
      continue;
    }
    const compiled = compileProvider(name, raw, 'nango');
    if ('provider' in compiled) providers.set(name, compiled.provider);
    else refused.push({ name, reason: compiled.reason });
  }
  for (const [name, raw] of Object.entries(own)) {
    const compiled = compileProvider(name, raw, 'keyward');
    if ('reason' in compiled)
      throw new Error(`Keyward's own provider "${name}" cannot be honoured: ${compiled.reason}`);
    providers.set(name, compiled.provider);
  }
  return catalogOf(providers, refused);
}

function catalogOf(providers: ReadonlyMap<string, Provider>, refused: readonly Refusal[]): Catalog {
  const sorted = [...providers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    providers,
    refused,
    get: (name) => providers.get(name),
    list({ search, limit = 50, after } = {}) {
      const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
      const needle = search?.trim().toLowerCase() ?? '';
      const matches = sorted.filter(
        (p) =>
          (after === undefined || p.name > after) &&
          (needle === '' ||
            p.name.toLowerCase().includes(needle) ||
            p.displayName.toLowerCase().includes(needle) ||
            p.categories.some((c) => c.toLowerCase().includes(needle))),
      );
      const page = matches.slice(0, size);
      const last = page[page.length - 1];
      return matches.length > size && last !== undefined
        ? { providers: page, next: last.name }
        : { providers: page };
    },
  };
}
