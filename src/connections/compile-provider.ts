import { compileFields, yamlPart } from './compile-fields.js';
import { compileHeaders, compileQuery, compileVerification } from './compile-request.js';
import { compileBaseUrl, urlRoles } from './compile-url.js';
import { asRecord, asText, EntryRefused, refuse } from './refusal.js';
import { fieldsOf, TemplateError } from './template.js';
import type {
  AuthMode,
  BaseUrl,
  FieldRole,
  FieldSpec,
  HeaderTemplate,
  Provider,
  Template,
  TemplatePart,
} from './types.js';

const PROXY_KEYS = new Set([
  'base_url',
  'headers',
  'query',
  'verification',
  'retry',
  'paginate',
  'connection_config',
]);

/**
 * One catalog entry, checked and compiled, or the reason Keyward cannot honour it. What Keyward does
 * not use is ignored: `retry`, `paginate` and `proxy.connection_config` (a copy of config values for
 * Nango's scripts), webhooks and scripts. What would change the request and Keyward cannot do refuses
 * the entry: an unknown `proxy` key, `proxy.body`, a template function other than base64, and so on.
 */
export function compileProvider(
  name: string,
  raw: unknown,
  source: Provider['source'],
): { provider: Provider } | { reason: string } {
  try {
    return { provider: compile(name, raw, source) };
  } catch (error) {
    if (error instanceof EntryRefused || error instanceof TemplateError) return { reason: error.message };
    throw error;
  }
}

function compile(name: string, raw: unknown, source: Provider['source']): Provider {
  const entry = asRecord(raw) ?? refuse('the entry is not a mapping');
  const authMode = entry.auth_mode;
  if (authMode !== 'API_KEY' && authMode !== 'BASIC') return refuse(`auth_mode ${String(authMode)}`);
  if (entry.require_client_certificate === true) refuse('it needs a client certificate');
  const proxy = asRecord(entry.proxy) ?? refuse('it has no proxy');
  if (proxy.body !== undefined) refuse("proxy.body: Keyward's proxy does not rewrite request bodies");
  const unknown = Object.keys(proxy).find((key) => !PROXY_KEYS.has(key));
  if (unknown !== undefined) refuse(`proxy.${unknown} is not understood`);

  const baseUrl = compileBaseUrl(proxy.base_url, 'base_url');
  const headers = compileHeaders(proxy.headers, 'proxy.headers');
  const query = compileQuery(proxy.query);
  const verification = compileVerification(proxy.verification);
  const fields = [
    ...compileFields(entry.connection_config, 'config', authMode),
    ...compileFields(entry.credentials, 'credentials', authMode),
  ];
  const field = (part: string, fieldName: string) =>
    fields.find((f) => f.part === part && f.name === fieldName);

  // What every request carries, and what only the verification adds.
  const sent = [...baseUrl.flatMap(partsOfUrl), ...templateParts(headers), ...templateParts(query)];
  const verifying = [
    ...(verification?.endpoint ?? []),
    ...(verification?.baseUrl ?? []).flatMap(partsOfUrl),
    ...templateParts(verification?.headers ?? []),
  ];
  for (const ref of fieldsOf([...sent, ...verifying])) {
    if (field(ref.part, ref.name) === undefined) {
      const written = ref.part === 'config' ? `connectionConfig.${ref.name}` : ref.name;
      refuse(`\${${written}} names no field the entry declares`);
    }
  }
  const basicAuth = authMode === 'BASIC' && !headers.some((h) => h.name === 'authorization');
  if (basicAuth && field('credentials', 'username') === undefined) refuse('BASIC without a username field');
  if (authMode === 'API_KEY' && !fieldsOf(sent).some((ref) => ref.part === 'credentials')) {
    refuse('the credential is never sent: no header, query or URL uses it');
  }
  const [onlyPart, ...otherParts] = verification?.endpoint ?? [];
  if (
    onlyPart?.kind === 'field' &&
    otherParts.length === 0 &&
    field(onlyPart.part, onlyPart.name)?.format !== 'path'
  ) {
    refuse('verification endpoint is a field without format: path');
  }

  const roles = fieldRoles(
    [...baseUrl, ...(verification?.baseUrl ?? [])],
    [...headers, ...(verification?.headers ?? [])],
    (f) => field('config', f)?.format === 'hostname',
  );
  const [onlyUrl, ...otherUrls] = baseUrl;
  const required = new Set(
    onlyUrl !== undefined && otherUrls.length === 0 ? fieldsOf(partsOfUrl(onlyUrl)).map((r) => r.name) : [],
  );
  const inUrl = [
    ...baseUrl.flatMap((u) => u.path),
    ...templateParts(query),
    ...(verification?.endpoint ?? []),
  ];

  return {
    name,
    displayName: asText(entry.display_name) ?? name,
    authMode: authMode as AuthMode,
    categories: Array.isArray(entry.categories) ? entry.categories.filter((c) => typeof c === 'string') : [],
    ...(typeof entry.docs === 'string' ? { docs: entry.docs } : {}),
    ...(typeof entry.docs_connect === 'string' ? { docsConnect: entry.docs_connect } : {}),
    source,
    fields: fields.map((f) => withRole(f, f.part === 'config' ? roles.get(f.name) : undefined, required)),
    baseUrl,
    headers,
    query,
    basicAuth,
    verification,
    secretInUrl: fieldsOf(inUrl).some((ref) => ref.part === 'credentials'),
  };
}

/** The role of each config field the URLs or the header names use; one field may not play two. */
function fieldRoles(
  urls: readonly BaseUrl[],
  headers: readonly HeaderTemplate[],
  saysHostname: (field: string) => boolean,
): Map<string, FieldRole> {
  const roles = new Map<string, FieldRole>();
  const named = headers.flatMap((h): [string, FieldRole][] =>
    typeof h.name === 'string' ? [] : [[h.name.field, 'header-name']],
  );
  for (const [fieldName, role] of [...urlRoles(urls, saysHostname), ...named]) {
    if ((roles.get(fieldName) ?? role) !== role) refuse(`connection_config.${fieldName} is used in two ways`);
    roles.set(fieldName, role);
  }
  return roles;
}

function templateParts(templates: readonly { readonly value: Template }[]): TemplatePart[] {
  return templates.flatMap((t) => t.value.alternatives.flat());
}

/**
 * A config field with the rule its place in the request adds, required if the only base URL needs it.
 * Its example must agree about the scheme: a host field whose example is a URL
 * (`https://altrurig01bo3.blackbaudhosting.com`), or a URL field whose example is not, shows a field
 * that Keyward would read differently from Nango, and the entry is refused.
 */
function withRole(f: FieldSpec, role: FieldRole | undefined, required: ReadonlySet<string>): FieldSpec {
  const format = role === 'origin' ? 'uri' : role === 'host' ? 'hostname' : f.format;
  const spec: FieldSpec = {
    ...f,
    ...(role === undefined ? {} : { role }),
    ...(format === undefined ? {} : { format }),
    optional: f.optional && !(f.part === 'config' && required.has(f.name) && !f.hidden),
  };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(spec.example ?? '');
  if (
    spec.example !== undefined &&
    role !== undefined &&
    role !== 'header-name' &&
    hasScheme !== (role === 'origin')
  ) {
    refuse(
      `${yamlPart(spec.part)}.${spec.name} is used as ${role === 'origin' ? 'a URL' : 'a host'}, but its example ("${spec.example}") is ${hasScheme ? 'a URL' : 'not'}`,
    );
  }
  return spec;
}

function partsOfUrl(url: BaseUrl): TemplatePart[] {
  return url.kind === 'origin'
    ? [{ kind: 'field', part: 'config', name: url.field }, ...url.path]
    : [...url.authority, ...url.path];
}
