import { asRecord, asText, refuse } from './refusal.js';
import type { AuthMode, FieldFormat, FieldPart, FieldSpec } from './types.js';

const FORMATS: ReadonlySet<string> = new Set<FieldFormat>(['hostname', 'uri', 'email', 'uuid', 'path']);
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** What Nango's API_KEY and BASIC modes take when an entry declares no credentials of its own. */
const DEFAULT_CREDENTIALS: Record<AuthMode, Record<string, unknown>> = {
  API_KEY: { apiKey: { type: 'string', title: 'API Key', description: '' } },
  BASIC: {
    username: { type: 'string', title: 'Username', description: '' },
    password: { type: 'string', title: 'Password', description: '' },
  },
};

/** The word the catalog uses for a part, for reasons and messages. */
export function yamlPart(part: FieldPart): string {
  return part === 'config' ? 'connection_config' : 'credentials';
}

/**
 * An entry's `connection_config` or `credentials` as field specs. A config field marked `secret` is
 * refused: Keyward keeps config in clear and returns it through the API.
 */
export function compileFields(raw: unknown, part: FieldPart, authMode: AuthMode): FieldSpec[] {
  const source = raw === undefined && part === 'credentials' ? DEFAULT_CREDENTIALS[authMode] : raw;
  if (source === undefined || source === null) return [];
  const fields = asRecord(source) ?? refuse(`${yamlPart(part)} is not a mapping`);
  return Object.entries(fields).map(([name, definition]) => compileField(name, definition, part));
}

/** A config field named like a credential: `apiKey`, `access_key`, `appSecret`, `staffUserToken`, `jwt`. */
const SECRET_NAME = /(key|secret|token|password|passwd|jwt)$/i;

function compileField(name: string, raw: unknown, part: FieldPart): FieldSpec {
  const where = `${yamlPart(part)}.${name}`;
  if (!FIELD_NAME.test(name)) refuse(`${where}: the name cannot be used in a template`);
  const d = asRecord(raw) ?? refuse(`${where} is not a mapping`);
  if (d.type !== undefined && d.type !== 'string') refuse(`${where} has type ${String(d.type)}`);
  if (part === 'config' && d.secret === true) {
    refuse(`${where} is marked secret, and Keyward keeps connection_config in clear`);
  }
  // Nango marks few config fields secret; some it leaves unmarked are credentials by name (datadog's
  // applicationKey, elevio's jwt), and Keyward would return them through the API.
  if (part === 'config' && SECRET_NAME.test(name.replaceAll('_', ''))) {
    refuse(`${where} is named like a secret, and Keyward keeps connection_config in clear`);
  }
  const format = asText(d.format);
  if (format !== undefined && !FORMATS.has(format)) refuse(`${where} has an unknown format ${format}`);
  const values = d.enum === undefined ? undefined : Array.isArray(d.enum) ? d.enum.map(asText) : [undefined];
  if (values?.some((v) => v === undefined)) refuse(`${where} has an enum that is not a list of strings`);
  return {
    name,
    part,
    title: asText(d.title) || name,
    description: asText(d.description) ?? '',
    ...optionalText('format', format as FieldFormat | undefined),
    ...optionalText('prefix', asText(d.prefix)),
    ...optionalText('suffix', asText(d.suffix)),
    ...optionalText('example', asText(d.example)),
    ...optionalText('defaultValue', asText(d.default_value)),
    ...optionalText('docSection', asText(d.doc_section)),
    ...(typeof d.order === 'number' ? { order: d.order } : {}),
    ...(values === undefined ? {} : { enum: values as string[] }),
    ...compilePattern(asText(d.pattern)),
    optional: d.optional === true,
    hidden: d.hidden === true || d.automated === true,
  };
}

/**
 * A pattern is a hint for forms: one that is not a regular expression (Freshteam's, at 0.71.10) is
 * left out rather than the whole entry.
 */
function compilePattern(pattern: string | undefined): { pattern?: RegExp } {
  if (pattern === undefined) return {};
  try {
    // Without flags, as Nango's forms run it.
    return { pattern: new RegExp(pattern) };
  } catch {
    return {};
  }
}

function optionalText<K extends string, V extends string>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
