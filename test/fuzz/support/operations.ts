import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON Schema node as the OpenAPI document spells it. */
export type Schema = { [keyword: string]: any };

/** One operation of the committed OpenAPI document, reduced to what a fuzzer needs to build requests. */
export interface Operation {
  /** `PATCH /v1/apikeys/{keyId}`, the name tests report. */
  name: string;
  method: string;
  path: string;
  pathParams: Record<string, Schema>;
  query: Record<string, Schema>;
  /** Headers the operation reads, such as a connect link's token. */
  headers: Record<string, Schema>;
  body: Schema | null;
  /** True when the operation takes Keyward credentials; false for public and HTTP Basic ones. */
  authenticated: boolean;
}

const OPENAPI = join(import.meta.dirname, '..', '..', '..', 'openapi.json');

function readOperations(): Operation[] {
  const doc = JSON.parse(readFileSync(OPENAPI, 'utf8'));
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const params = (op.parameters ?? []) as Array<{ in: string; name: string; schema: Schema }>;
      const of = (where: string) =>
        Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, p.schema]));
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: of('path'),
        query: of('query'),
        headers: { ...of('header'), ...credentialHeaders(doc, op.security) },
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        // Operations that inherit the document's security take API keys and tokens.
        authenticated: op.security === undefined,
      });
    }
  }
  return operations;
}

/**
 * Headers that carry a credential of their own, such as a connect link's token: the document describes
 * them as the operation's security scheme, not as parameters.
 */
function credentialHeaders(doc: any, security: Array<Record<string, unknown>> | undefined) {
  const headers: Record<string, Schema> = {};
  for (const requirement of security ?? []) {
    for (const name of Object.keys(requirement)) {
      const scheme = doc.components.securitySchemes[name];
      if (scheme?.type === 'apiKey' && scheme.in === 'header') headers[scheme.name] = { type: 'string' };
    }
  }
  return headers;
}

export const OPERATIONS = readOperations();

/** The proxy's path parameter: what follows `/proxy`, the provider's own path. */
export const PROXY_PATH = '*';

/** True for the proxy's operations, which forward any body and answer what the provider answers. */
export const isProxy = (op: Pick<Operation, 'path'>): boolean => op.path.includes('/proxy/');

/**
 * The URL of an operation with the given, not yet encoded, path parameters and a raw query string. The
 * proxy's `{*}` is the rest of the path, several segments long.
 */
export function urlOf(op: Operation, params: Record<string, string>, query = ''): string {
  const path = op.path.replace(/\{(\w+|\*)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${op.name}: no value for {${name}}`);
    return value;
  });
  return query === '' ? path : `${path}?${query}`;
}

/**
 * Encodes path parameter values; raw segments (already encoded, perhaps badly) pass through as they are,
 * and so does the proxy's `*`, a path whose slashes must stay slashes.
 */
export function encodeParams(params: Record<string, string>, raw: ReadonlySet<string> = new Set()) {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      raw.has(name) || name === PROXY_PATH ? value : encodeURIComponent(value),
    ]),
  );
}

/** `a=1&b=2&b=3` from a record whose array values repeat their parameter. */
export function queryString(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        (one) => `${encodeURIComponent(key)}=${encodeURIComponent(one)}`,
      ),
    )
    .join('&');
}
