import { compileBaseUrl, compileEndpoint } from './compile-url.js';
import { asRecord, asText, refuse } from './refusal.js';
import { parseSingle, parseTemplate } from './template.js';
import type { HeaderTemplate, QueryTemplate, Verification } from './types.js';

/** RFC 9110 token: what a header name may be made of. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;

/** Headers that decide how a request is framed or routed: no catalog entry and no field may set them. */
export const FRAMING_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
]);

export const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

const VERIFICATION_KEYS = new Set(['method', 'endpoints', 'headers', 'data', 'base_url_override']);

/**
 * `proxy.headers` (or `verification.headers`). A name is literal, or one config field's value
 * (`${connectionConfig.headerName}`, Keyward's generic-header); a value is a template.
 */
export function compileHeaders(raw: unknown, what: string): HeaderTemplate[] {
  if (raw === undefined) return [];
  const headers = asRecord(raw) ?? refuse(`${what} is not a mapping`);
  return Object.entries(headers).map(([key, value]): HeaderTemplate => {
    if (typeof value !== 'string') refuse(`${what}.${key} is not a string`);
    return { name: compileHeaderName(key, what), value: parseTemplate(value) };
  });
}

function compileHeaderName(key: string, what: string): HeaderTemplate['name'] {
  if (!key.includes('${')) {
    const name = key.toLowerCase();
    if (!HEADER_NAME.test(name) || FRAMING_HEADERS.has(name)) refuse(`${what} sets the header "${key}"`);
    return name;
  }
  const [only, ...others] = parseSingle(key, `${what} name`);
  if (only?.kind !== 'field' || only.part !== 'config' || others.length > 0) {
    return refuse(`${what} has a header name that is not one config field`);
  }
  return { field: only.name };
}

/** `proxy.query`: literal names, template values. */
export function compileQuery(raw: unknown): QueryTemplate[] {
  if (raw === undefined) return [];
  const query = asRecord(raw) ?? refuse('proxy.query is not a mapping');
  return Object.entries(query).map(([name, value]) => {
    if (typeof value !== 'string') refuse(`proxy.query.${name} is not a string`);
    return { name, value: parseTemplate(value) };
  });
}

/**
 * `proxy.verification`. Keyward sends one request to check a credential, so an entry whose
 * verification lists several endpoints is refused, as is one whose body would need interpolation.
 */
export function compileVerification(raw: unknown): Verification | null {
  if (raw === undefined) return null;
  const v = asRecord(raw) ?? refuse('proxy.verification is not a mapping');
  const unknown = Object.keys(v).find((key) => !VERIFICATION_KEYS.has(key));
  if (unknown !== undefined) refuse(`proxy.verification.${unknown} is not understood`);
  const method = (asText(v.method) ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) refuse(`verification method ${method} is not supported`);
  const endpoints = Array.isArray(v.endpoints) ? v.endpoints : refuse('verification has no endpoints list');
  if (endpoints.length !== 1) {
    refuse(`verification has ${endpoints.length} endpoints, and Keyward verifies with exactly one`);
  }
  let body: string | undefined;
  if (v.data !== undefined) {
    body = JSON.stringify(v.data);
    if (body.includes('${')) refuse('verification data has templates');
  }
  return {
    method,
    endpoint: compileEndpoint(endpoints[0]),
    headers: compileHeaders(v.headers, 'verification.headers'),
    ...(v.base_url_override === undefined
      ? {}
      : { baseUrl: compileBaseUrl(v.base_url_override, 'verification.base_url_override') }),
    ...(body === undefined ? {} : { body }),
  };
}
