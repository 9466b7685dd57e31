import type { ConnectionValues, FieldPart, Provider, Template, TemplatePart } from './types.js';

/**
 * A connection's values as templates read them: non-empty strings, defaults filled in. A default of ''
 * counts for credentials (the password BASIC providers do not use) and not for config, where Nango
 * gives it to hidden fields that an alternative `||` may then skip.
 */
export interface Values {
  readonly config: ReadonlyMap<string, string>;
  readonly credentials: ReadonlyMap<string, string>;
}

/** How a field's value is written into a template; literal text is never touched. */
export type Encode = (value: string, field: { part: FieldPart; name: string }) => string;

const asIs: Encode = (value) => value;

/** The values of the fields a provider declares; anything else in `input` is not read. */
export function valuesOf(provider: Provider, input: ConnectionValues): Values {
  const config = new Map<string, string>();
  const credentials = new Map<string, string>();
  for (const field of provider.fields) {
    const source = field.part === 'config' ? input.config : input.credentials;
    const given = Object.hasOwn(source, field.name) ? source[field.name] : undefined;
    const value = typeof given === 'string' && given !== '' ? given : field.defaultValue;
    if (value !== undefined && (value !== '' || field.part === 'credentials'))
      (field.part === 'config' ? config : credentials).set(field.name, value);
  }
  return { config, credentials };
}

/** Whether every field the parts use has a value. */
export function hasAll(parts: readonly TemplatePart[], values: Values): boolean {
  return parts.every((p) =>
    p.kind === 'text'
      ? true
      : p.kind === 'base64'
        ? hasAll(p.parts, values)
        : lookup(values, p.part, p.name) !== undefined,
  );
}

/** The parts written out, or undefined when a field they use has no value. */
export function renderParts(
  parts: readonly TemplatePart[],
  values: Values,
  encode: Encode = asIs,
): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'base64') {
      const inner = renderParts(part.parts, values);
      if (inner === undefined) return undefined;
      out += encode(Buffer.from(inner, 'utf8').toString('base64'), { part: 'credentials', name: 'base64' });
    } else {
      const value = lookup(values, part.part, part.name);
      if (value === undefined) return undefined;
      out += encode(value, part);
    }
  }
  return out;
}

/** The first alternative whose fields all have values, written out; undefined when none has. */
export function renderTemplate(
  template: Template,
  values: Values,
  encode: Encode = asIs,
): string | undefined {
  for (const alternative of template.alternatives) {
    if (hasAll(alternative, values)) return renderParts(alternative, values, encode);
  }
  return undefined;
}

function lookup(values: Values, part: FieldPart, name: string): string | undefined {
  return (part === 'config' ? values.config : values.credentials).get(name);
}
