import type { AuthMode, FieldFormat, FieldPart, FieldSpec, Provider } from './types.js';

/** A field as a form shows it. */
export interface FieldDescription {
  readonly name: string;
  readonly part: FieldPart;
  readonly title: string;
  readonly description: string;
  readonly format?: FieldFormat;
  /** Shown before and after the input: `https://` and `.freshdesk.com`. */
  readonly prefix?: string;
  readonly suffix?: string;
  readonly example?: string;
  /** A JavaScript regular expression, as Nango wrote it. */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly optional: boolean;
  /** Credentials are secret: written, never read back. Config is not. */
  readonly secret: boolean;
  /** Where the provider's connection guide explains this field. */
  readonly docs?: string;
  /** 1, 2, …: the position in the form. */
  readonly order: number;
}

/** What the API says about a provider: what it is, and the fields a connection to it takes. */
export interface ProviderDescription {
  readonly name: string;
  readonly displayName: string;
  readonly authMode: AuthMode;
  readonly categories: readonly string[];
  readonly docs?: string;
  readonly docsConnect?: string;
  /** Whether a connection's credential is checked with the provider before it is saved. */
  readonly verifies: boolean;
  readonly fields: readonly FieldDescription[];
}

/**
 * The public description of a provider, for `GET /v1/providers/{name}` and the forms built from it.
 * Hidden fields (filled with their default, or by Nango's own UI) are left out. Fields come in
 * Nango's `order`, those without one after, config before credentials, then as the entry lists them.
 */
export function describeProvider(provider: Provider): ProviderDescription {
  const shown = provider.fields
    .map((field, index) => ({ field, index }))
    .filter(({ field }) => !field.hidden)
    .sort(
      (a, b) =>
        (a.field.order ?? Number.POSITIVE_INFINITY) - (b.field.order ?? Number.POSITIVE_INFINITY) ||
        partRank(a.field) - partRank(b.field) ||
        a.index - b.index,
    );
  return {
    name: provider.name,
    displayName: provider.displayName,
    authMode: provider.authMode,
    categories: provider.categories,
    ...(provider.docs === undefined ? {} : { docs: provider.docs }),
    ...(provider.docsConnect === undefined ? {} : { docsConnect: provider.docsConnect }),
    verifies: provider.verification !== null,
    fields: shown.map(({ field }, i) => describeField(provider, field, i + 1)),
  };
}

function describeField(provider: Provider, field: FieldSpec, order: number): FieldDescription {
  const docs = fieldDocs(provider, field.docSection);
  return {
    name: field.name,
    part: field.part,
    title: field.title,
    description: field.description,
    ...(field.format === undefined ? {} : { format: field.format }),
    ...(field.prefix === undefined ? {} : { prefix: field.prefix }),
    ...(field.suffix === undefined ? {} : { suffix: field.suffix }),
    ...(field.example === undefined ? {} : { example: field.example }),
    ...(field.pattern === undefined ? {} : { pattern: field.pattern.source }),
    ...(field.enum === undefined ? {} : { enum: field.enum }),
    optional: field.optional || field.defaultValue !== undefined,
    secret: field.part === 'credentials',
    ...(docs === undefined ? {} : { docs }),
    order,
  };
}

/** `docs_connect` and a `doc_section` such as `#step-2-find-your-hostname`, joined. */
function fieldDocs(provider: Provider, section: string | undefined): string | undefined {
  if (section === undefined) return undefined;
  if (/^https:\/\//.test(section)) return section;
  const page = provider.docsConnect ?? provider.docs;
  return page === undefined ? undefined : `${page}${section}`;
}

function partRank(field: FieldSpec): number {
  return field.part === 'config' ? 0 : 1;
}
