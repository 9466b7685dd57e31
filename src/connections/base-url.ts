import { isBaseUrl, isCleanPath, isHostname } from './formats.js';
import { type Encode, hasAll, renderParts, type Values } from './render.js';
import { RequestRefused } from './request-refused.js';
import { fieldsOf } from './template.js';
import type { BaseUrl, FieldSpec, TemplatePart } from './types.js';

/** Where a provider's requests go: `https://host[:port]` and the path every request path is appended to. */
export interface Target {
  readonly origin: string;
  /** Empty, or a clean path without its trailing slash: `/api/v2`. */
  readonly path: string;
}

/**
 * The base URL of the first alternative whose fields all have values. The host is written from the
 * values as they are and then checked whole; a field in the path is percent-encoded.
 */
export function resolveTarget(
  urls: readonly BaseUrl[],
  values: Values,
  fields: readonly FieldSpec[],
): Target {
  const url = urls.find((u) =>
    hasAll(u.kind === 'origin' ? [fieldPart(u.field), ...u.path] : [...u.authority, ...u.path], values),
  );
  if (url === undefined) {
    const needed = urls.flatMap((u) => fieldsOf(u.kind === 'origin' ? [fieldPart(u.field)] : u.authority));
    throw new RequestRefused(
      'missing-field',
      needed[0] === undefined ? 'base URL' : `config.${needed[0].name}`,
    );
  }
  const path = renderPath(url.path, values, fields);
  if (url.kind === 'origin') {
    const base = values.config.get(url.field) ?? '';
    if (!isBaseUrl(base)) throw new RequestRefused('invalid-fields', `config.${url.field}`);
    const slash = base.indexOf('/', base.indexOf('//') + 2);
    const origin = slash === -1 ? base : base.slice(0, slash);
    return { origin, path: trimSlash((slash === -1 ? '' : trimSlash(base.slice(slash))) + path) };
  }
  const written = renderParts(url.authority, values) ?? '';
  // A `host-path` field brings a path along: `dev.azure.com/myorg`.
  const slash = written.indexOf('/');
  const authority = slash === -1 ? written : written.slice(0, slash);
  const extra = slash === -1 ? '' : written.slice(slash);
  if (!isHostname(authority) || !isCleanPath(extra)) {
    const [first] = fieldsOf(url.authority);
    throw new RequestRefused('invalid-fields', first === undefined ? 'base URL' : `config.${first.name}`);
  }
  return { origin: `https://${authority}`, path: trimSlash(trimSlash(extra) + path) };
}

/**
 * Writes a path template: a field's value is one segment, percent-encoded but for `:` and `@`, which
 * a segment may hold as they are (Telegram's `bot123:abc`); a `format: path` field's, already checked,
 * goes as it is.
 */
export function renderPath(
  parts: readonly TemplatePart[],
  values: Values,
  fields: readonly FieldSpec[],
): string {
  const encode: Encode = (value, ref) =>
    fields.find((f) => f.part === ref.part && f.name === ref.name)?.format === 'path'
      ? value
      : encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@');
  const path = renderParts(parts, values, encode);
  if (path === undefined) throw new RequestRefused('missing-field', 'path');
  return path;
}

function fieldPart(name: string): TemplatePart {
  return { kind: 'field', part: 'config', name };
}

function trimSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
