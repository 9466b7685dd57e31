import type { Template, TemplatePart } from './types.js';

/**
 * Parses the templates of providers.yaml: `ApiToken ${apiKey}`, `https://${connectionConfig.hostname}`,
 * `Basic ${base64(${credentials.username}:${credentials.password})}`, and `A || B` alternatives.
 *
 * A bare name (`${apiKey}`) is read as a credentials field; `${connectionConfig.x}` and `${credentials.x}`
 * say which part they mean. Every other expression (`${awsSigV4(…)}`, `${now:…}`, `${method}` is caught
 * later, as an undeclared field) makes the parse fail with a reason, and the entry is refused.
 *
 * @example parseTemplate('Bearer ${apiKey}') // { alternatives: [[text 'Bearer ', field credentials.apiKey]] }
 */
export function parseTemplate(source: string): Template {
  // As Nango does: `||` separates alternatives only in a template that has an expression.
  const sources = source.includes('${') && source.includes('||') ? splitAlternatives(source) : [source];
  return { alternatives: sources.map((alternative) => parseParts(alternative)) };
}

/** Parses a template that may not have alternatives (a path, a header name). */
export function parseSingle(source: string, what: string): readonly TemplatePart[] {
  const template = parseTemplate(source);
  const [only] = template.alternatives;
  if (only === undefined || template.alternatives.length > 1)
    throw new TemplateError(`${what} has alternatives`);
  return only;
}

/** Why a template cannot be honoured. The message quotes the catalog, never a value. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Every field a template's parts refer to, nested ones included. */
export function fieldsOf(parts: readonly TemplatePart[]): { part: 'config' | 'credentials'; name: string }[] {
  return parts.flatMap((p) =>
    p.kind === 'field' ? [{ part: p.part, name: p.name }] : p.kind === 'base64' ? fieldsOf(p.parts) : [],
  );
}

function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('${', i)) depth++;
    else if (source[i] === '}' && depth > 0) depth--;
    else if (depth === 0 && source.startsWith('||', i)) {
      out.push(source.slice(start, i).trim());
      start = i + 2;
      i++;
    }
  }
  out.push(source.slice(start).trim());
  return out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;

function parseParts(source: string): TemplatePart[] {
  const { parts, end } = parseUntil(source, 0, null);
  if (end !== source.length) throw new TemplateError(`unexpected "${source.slice(end, end + 20)}"`);
  return parts;
}

/** Reads parts from `start` until the end, or until `close` at this level. */
function parseUntil(
  source: string,
  start: number,
  close: string | null,
): { parts: TemplatePart[]; end: number } {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = start;
  while (i < source.length) {
    if (close !== null && source.startsWith(close, i)) break;
    if (!source.startsWith('${', i)) {
      text += source[i];
      i++;
      continue;
    }
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    const { part, end } = parseExpression(source, i + 2);
    parts.push(part);
    i = end;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { parts, end: i };
}

/** Reads one expression whose `${` ends just before `start`; returns the index after its `}`. */
function parseExpression(source: string, start: number): { part: TemplatePart; end: number } {
  const name = NAME.exec(source.slice(start))?.[0];
  if (name === undefined)
    throw new TemplateError(`unsupported expression "\${${source.slice(start, start + 20)}"`);
  let i = start + name.length;
  const next = source[i];
  if (next === '(' && name === 'base64') {
    const inner = parseUntil(source, i + 1, ')}');
    if (!source.startsWith(')}', inner.end)) throw new TemplateError('unterminated base64(');
    return { part: { kind: 'base64', parts: inner.parts }, end: inner.end + 2 };
  }
  if (next === '(' || next === ':' || next === '+')
    throw new TemplateError(`unsupported template function ${name}`);
  if (next === '}') return { part: { kind: 'field', part: 'credentials', name }, end: i + 1 };
  if (next === '.' && (name === 'connectionConfig' || name === 'credentials')) {
    const field = NAME.exec(source.slice(i + 1))?.[0];
    i += 1 + (field?.length ?? 0);
    if (field !== undefined && source[i] === '}') {
      return {
        part: { kind: 'field', part: name === 'credentials' ? 'credentials' : 'config', name: field },
        end: i + 1,
      };
    }
  }
  throw new TemplateError(`unsupported expression "\${${source.slice(start, start + 30)}"`);
}
