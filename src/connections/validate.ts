import { FRAMING_HEADERS, HEADER_NAME } from './compile-request.js';
import { hasFormat, isHostAndPath, isHostLabel } from './formats.js';
import type { FieldPart, FieldSpec, Provider } from './types.js';

export const FIELD_LIMITS = { valueLength: 1024, fields: 64 } as const;

/** Why a value was refused. None of them quotes the value, which may be a secret. */
export type FieldRule =
  | 'unknown'
  | 'required'
  | 'type'
  | 'too-long'
  | 'too-many'
  | 'control-character'
  | 'hostname'
  | 'uri'
  | 'email'
  | 'uuid'
  | 'path'
  | 'host-label'
  | 'host-path'
  | 'header-name'
  | 'enum'
  | 'pattern';

export interface FieldProblem {
  /** `config.hostname`, `credentials.apiKey`; `config` or `credentials` for the part as a whole. */
  readonly field: string;
  readonly rule: FieldRule;
}

/**
 * Checks a connection's fields against its provider, as the API receives them. Returns every problem
 * found, one per field, and none when the fields are fine. An empty string is a field left out.
 *
 * @example
 * validateFields(sentinelone, { hostname: 'https://x' }, { apiKey: 't' })
 * // [{ field: 'config.hostname', rule: 'hostname' }]
 */
export function validateFields(provider: Provider, config: unknown, credentials: unknown): FieldProblem[] {
  const parts: [FieldPart, unknown][] = [
    ['config', config ?? {}],
    ['credentials', credentials ?? {}],
  ];
  const problems: FieldProblem[] = [];
  let count = 0;
  for (const [part, input] of parts) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      problems.push({ field: part, rule: 'type' });
      continue;
    }
    count += Object.keys(input).length;
    if (count > FIELD_LIMITS.fields) return [{ field: part, rule: 'too-many' }];
  }
  if (problems.length > 0) return problems;

  for (const [part, input] of parts as [FieldPart, Record<string, unknown>][]) {
    for (const [name, value] of Object.entries(input)) {
      const spec = provider.fields.find((f) => f.part === part && f.name === name);
      const rule = spec === undefined ? 'unknown' : valueProblem(value, spec);
      if (rule !== undefined) problems.push({ field: `${part}.${name}`, rule });
    }
  }
  for (const spec of provider.fields) {
    if (spec.optional || spec.hidden || spec.defaultValue !== undefined) continue;
    const input = (spec.part === 'config' ? config : credentials) as Record<string, unknown> | undefined;
    const value = input !== undefined && Object.hasOwn(input, spec.name) ? input[spec.name] : undefined;
    if (value === undefined || value === '')
      problems.push({ field: `${spec.part}.${spec.name}`, rule: 'required' });
  }
  return problems;
}

function valueProblem(value: unknown, spec: FieldSpec): FieldRule | undefined {
  if (typeof value !== 'string') return 'type';
  if (value === '') return undefined;
  if (value.length > FIELD_LIMITS.valueLength) return 'too-long';
  // Control characters (CR and LF above all) could split a header; tab is refused with them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'control-character';
  if (spec.role === 'host-label' && !isHostLabel(value)) return 'host-label';
  if (spec.role === 'host-path' && !isHostAndPath(value)) return 'host-path';
  if (spec.role === 'header-name' && (!HEADER_NAME.test(value) || FRAMING_HEADERS.has(value.toLowerCase()))) {
    return 'header-name';
  }
  if (spec.format !== undefined && !hasFormat(value, spec.format)) return spec.format;
  if (spec.enum !== undefined && !spec.enum.includes(value)) return 'enum';
  if (spec.pattern !== undefined && !spec.pattern.test(value)) return 'pattern';
  return undefined;
}
