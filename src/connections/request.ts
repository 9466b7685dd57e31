import { renderPath, resolveTarget, type Target } from './base-url.js';
import { FRAMING_HEADERS, HEADER_NAME, METHODS } from './compile-request.js';
import { isCleanPath } from './formats.js';
import { hasAll, renderTemplate, type Values, valuesOf } from './render.js';
import { RequestRefused } from './request-refused.js';
import { fieldsOf } from './template.js';
import type { ConnectionValues, HeaderTemplate, Provider } from './types.js';
import { validateFields } from './validate.js';

/** A request to forward through a connection: `path` is appended to the provider's base URL. */
export interface ProxyRequest {
  readonly method: string;
  /** Absolute and already percent-encoded, without a query: `/web/api/v2.1/sites`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: string | Uint8Array;
}

export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

/**
 * Headers of the caller's that are never forwarded: those that carry the caller's own credentials to
 * Keyward (`authorization`, `x-api-key`), cookies, and those that frame the request, which the client
 * that sends it sets.
 */
const NOT_FORWARDED: ReadonlySet<string> = new Set([
  ...FRAMING_HEADERS,
  'authorization',
  'x-api-key',
  'cookie',
  'proxy-authorization',
  // Keyward's own: the console session's CSRF token, and a connect link's token.
  'x-keyward-csrf',
  'x-connect-token',
]);

/**
 * Builds the request that checks a connection's credential (`'verify'`) or forwards a caller's
 * request through it. The fields are checked with validateFields first. The provider's query
 * parameters, and its headers that carry a field, replace any of the caller's with the same name.
 *
 * For `'verify'`, null when there is nothing to send: the provider has no verification, or it needs
 * an optional field that is empty (the generic providers' `verifyPath`).
 *
 * Throws RequestRefused, whose message names what is wrong and never holds a value.
 *
 * @example
 * buildRequest(catalog.get('sentinelone')!, { config: { hostname: 'acme.sentinelone.net' }, credentials: { apiKey } }, 'verify')
 * // GET https://acme.sentinelone.net/web/api/v2.1/sites?limit=1, authorization: ApiToken <apiKey>
 */
export function buildRequest(
  provider: Provider,
  input: ConnectionValues,
  which: 'verify',
): OutgoingRequest | null;
export function buildRequest(
  provider: Provider,
  input: ConnectionValues,
  which: ProxyRequest,
): OutgoingRequest;
export function buildRequest(
  provider: Provider,
  input: ConnectionValues,
  which: 'verify' | ProxyRequest,
): OutgoingRequest | null {
  const problems = validateFields(provider, input.config, input.credentials);
  if (problems.length > 0) {
    throw new RequestRefused('invalid-fields', problems.map((p) => `${p.field} (${p.rule})`).join(', '));
  }
  const values = valuesOf(provider, input);
  return which === 'verify' ? verifyRequest(provider, values) : proxyRequest(provider, values, which);
}

function verifyRequest(provider: Provider, values: Values): OutgoingRequest | null {
  const verification = provider.verification;
  if (verification === null || !hasAll(verification.endpoint, values)) return null;
  const target = resolveTarget(verification.baseUrl ?? provider.baseUrl, values, provider.fields);
  const url = urlOf(target, renderPath(verification.endpoint, values, provider.fields));
  const headers = providerHeaders(provider, [...provider.headers, ...verification.headers], values);
  addQuery(provider, url, values);
  if (verification.body === undefined) return { method: verification.method, url, headers };
  headers['content-type'] ??= 'application/json';
  return { method: verification.method, url, headers, body: verification.body };
}

function proxyRequest(provider: Provider, values: Values, request: ProxyRequest): OutgoingRequest {
  const method = request.method.toUpperCase();
  if (!METHODS.has(method)) throw new RequestRefused('method', 'method');
  if (!request.path.startsWith('/') || request.path.startsWith('//') || !isCleanPath(request.path)) {
    throw new RequestRefused('path', 'path');
  }
  const url = urlOf(resolveTarget(provider.baseUrl, values, provider.fields), request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(name, one);
  }
  addQuery(provider, url, values);
  const headers: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(request.headers ?? {})) {
    const name = rawName.toLowerCase();
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    headers[checkedName(name)] = checkedValue(typeof value === 'string' ? value : value.join(', '), name);
  }
  // A provider's fixed headers (`accept`, `content-type`) are defaults the caller may replace; those
  // that carry a field's value, and HTTP Basic, always win.
  const fixed = new Set(
    provider.headers.flatMap((h) =>
      typeof h.name === 'string' && fieldsOf(h.value.alternatives.flat()).length === 0 ? [h.name] : [],
    ),
  );
  for (const [name, value] of Object.entries(providerHeaders(provider, provider.headers, values))) {
    if (!(fixed.has(name) && name !== 'authorization' && Object.hasOwn(headers, name))) headers[name] = value;
  }
  return { method, url, headers, ...(request.body === undefined ? {} : { body: request.body }) };
}

/** The base URL and a path joined, and checked to have stayed under the base URL. */
function urlOf(target: Target, path: string): URL {
  const joined = `${target.path}/${path.replace(/^\//, '')}`;
  const question = joined.indexOf('?');
  // A field's value of `..` is a clean segment once encoded, and a URL parser would still resolve it.
  if (!isCleanPath(question === -1 ? joined : joined.slice(0, question)))
    throw new RequestRefused('url', 'path');
  const url = new URL(`${target.origin}${joined}`);
  const base = new URL(`${target.origin}${target.path}/`);
  if (
    url.origin !== base.origin ||
    url.username !== '' ||
    url.password !== '' ||
    !url.pathname.startsWith(base.pathname)
  ) {
    throw new RequestRefused('url', 'url');
  }
  return url;
}

function addQuery(provider: Provider, url: URL, values: Values): void {
  for (const { name, value } of provider.query) {
    const written = renderTemplate(value, values);
    if (written !== undefined) url.searchParams.set(name, written);
  }
}

/**
 * The provider's headers, later ones over earlier ones: HTTP Basic for BASIC providers without an
 * authorization header of their own, then each template whose fields have values. One whose fields
 * are left empty (an optional `stripe-context`, say) is not sent.
 */
function providerHeaders(
  provider: Provider,
  templates: readonly HeaderTemplate[],
  values: Values,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (provider.basicAuth) {
    const pair = `${values.credentials.get('username') ?? ''}:${values.credentials.get('password') ?? ''}`;
    headers.authorization = checkedValue(
      `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`,
      'authorization',
    );
  }
  for (const { name, value } of templates) {
    const headerName = typeof name === 'string' ? name : values.config.get(name.field)?.toLowerCase();
    const written = renderTemplate(value, values);
    if (headerName === undefined || written === undefined) continue;
    if (FRAMING_HEADERS.has(headerName)) throw new RequestRefused('header', `header ${headerName}`);
    headers[checkedName(headerName)] = checkedValue(written, headerName);
  }
  return headers;
}

function checkedName(name: string): string {
  if (!HEADER_NAME.test(name)) throw new RequestRefused('header', 'a header name');
  return name;
}

/** A header value may not hold CR, LF, NUL or another control character but tab: it could split the header. */
function checkedValue(value: string, name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this looks for
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw new RequestRefused('header', `header ${name}`);
  return value;
}
