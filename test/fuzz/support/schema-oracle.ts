import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Schema } from './operations.js';

/**
 * Decides, independently of the server's own validator, whether a value satisfies a schema of the OpenAPI
 * document. The fuzzer sends only values this oracle refuses, so a `2xx` is always a server bug.
 * One rule is added to the document's: a `date-time` must be an instant JavaScript can hold (RFC 3339's
 * leap second `23:59:60` is not), since the API stores every timestamp as one.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ coerceTypes: coerce ? 'array' : false, strict: false, allErrors: false });
  addFormats.default(ajv);
  const rfc3339 = ajv.formats['date-time'] as { validate: (value: string) => boolean };
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => rfc3339.validate(value) && !Number.isNaN(Date.parse(value)),
  });
  return ajv;
}

const exact = makeAjv(false);
// Query strings and path parameters are text; the API coerces them, and so does the oracle.
const coercing = makeAjv(true);
const compiled = new WeakMap<Schema, ValidateFunction>();
const compiledCoercing = new WeakMap<Schema, ValidateFunction>();

/** True when a JSON body value satisfies `schema`. */
export function accepts(schema: Schema, value: unknown): boolean {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = exact.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(value);
}

/** True when text parameters (as a query string or path parses them) satisfy `schema`, after coercion. */
export function acceptsText(schema: Schema, value: Record<string, string | string[]>): boolean {
  let validate = compiledCoercing.get(schema);
  if (!validate) {
    validate = coercing.compile(schema);
    compiledCoercing.set(schema, validate);
  }
  // Coercion rewrites its input; the caller's record stays as it was sent.
  return validate(structuredClone(value));
}

/** The object schema of a set of named parameters: the API refuses names it does not know. */
export function parametersSchema(params: Record<string, Schema>): Schema {
  return { type: 'object', properties: params, additionalProperties: false };
}
