import { isHostname } from './formats.js';
import { refuse } from './refusal.js';
import { parseSingle, parseTemplate } from './template.js';
import type { BaseUrl, FieldRole, TemplatePart } from './types.js';

/**
 * A base URL template (`base_url`, `base_url_override`), split into what may go where. Either it is
 * `https://` then an authority then a path, where the authority holds config fields only; or it begins
 * with a config field that holds a whole URL (`${connectionConfig.baseUrl}/api`). Anything else (plain
 * http, a scheme from a field, a credential in the host) is refused.
 */
export function compileBaseUrl(raw: unknown, what: string): BaseUrl[] {
  if (typeof raw !== 'string') return refuse(`${what} is not a string`);
  if (/[?#]/.test(raw.replace(/\$\{[^}]*\}/g, ''))) refuse(`${what} has a query or a fragment`);
  return parseTemplate(raw).alternatives.map((parts) => compileAlternative(parts, what));
}

function compileAlternative(parts: readonly TemplatePart[], what: string): BaseUrl {
  const [first, ...rest] = parts;
  if (first?.kind === 'field' && first.part === 'config') {
    const next = rest[0];
    if (next !== undefined && !(next.kind === 'text' && next.text.startsWith('/'))) {
      refuse(`${what} puts text right after the URL in connection_config.${first.name}`);
    }
    return { kind: 'origin', field: first.name, path: rest };
  }
  if (first?.kind !== 'text' || !first.text.startsWith('https://')) return refuse(`${what} is not https`);
  const authority: TemplatePart[] = [];
  const path: TemplatePart[] = [];
  const tail = first.text.slice('https://'.length);
  for (const part of [...(tail === '' ? [] : [{ kind: 'text', text: tail } as const]), ...rest]) {
    const slash = part.kind === 'text' && path.length === 0 ? part.text.indexOf('/') : -1;
    if (path.length > 0) path.push(part);
    else if (slash !== -1 && part.kind === 'text') {
      if (slash > 0) authority.push({ kind: 'text', text: part.text.slice(0, slash) });
      path.push({ kind: 'text', text: part.text.slice(slash) });
    } else authority.push(part);
  }
  for (const part of authority) {
    if (part.kind === 'base64' || (part.kind === 'field' && part.part === 'credentials')) {
      refuse(`${what} puts a credential in the URL's host`);
    }
  }
  if (authority.length === 0) refuse(`${what} has no host`);
  if (authority.every((p) => p.kind === 'text') && !isHostname(authority.map(textOf).join(''))) {
    refuse(`${what} has an invalid host`);
  }
  return { kind: 'https', authority, path };
}

/**
 * The roles a base URL gives the config fields it uses (types.ts, FieldRole). A field that is all of
 * `https://${…}` may carry a path too (`dev.azure.com/myorg`), unless it says `format: hostname`.
 */
export function urlRoles(
  urls: readonly BaseUrl[],
  saysHostname: (field: string) => boolean,
): [string, FieldRole][] {
  return urls.flatMap((url): [string, FieldRole][] => {
    if (url.kind === 'origin') return [[url.field, 'origin']];
    const [only, ...others] = url.authority;
    if (only?.kind === 'field' && others.length === 0) {
      return [[only.name, url.path.length === 0 && !saysHostname(only.name) ? 'host-path' : 'host']];
    }
    return url.authority.flatMap((p): [string, FieldRole][] =>
      p.kind === 'field' ? [[p.name, 'host-label']] : [],
    );
  });
}

/**
 * A verification endpoint: a path (and query) of its own, or a single `format: path` field. A path
 * without its leading slash (`v1/models`) gets one, as Nango joins the two with a slash.
 */
export function compileEndpoint(raw: unknown): TemplatePart[] {
  if (typeof raw !== 'string') return refuse('verification endpoint is not a string');
  const parts = [...parseSingle(raw, 'verification endpoint')];
  const [first, ...rest] = parts;
  if (first?.kind === 'field' && rest.length === 0) return parts;
  if (first?.kind !== 'text') return refuse('verification endpoint does not start with a path');
  return [{ kind: 'text', text: first.text.startsWith('/') ? first.text : `/${first.text}` }, ...rest];
}

function textOf(part: TemplatePart): string {
  return part.kind === 'text' ? part.text : '';
}
