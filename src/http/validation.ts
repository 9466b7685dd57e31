import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { inspectKey } from '../keys/format.js';

const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,40}$/;

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
    // The schemas are TypeBox's output, checked by the OpenAPI tests; checking each against the JSON
    // Schema meta-schema again at every start-up cost a twentieth of it.
    validateSchema: false,
  });
  addFormats.default(ajv);
  // RFC 3339 admits instants a Date cannot hold, such as the leap second 23:59:60. Handlers turn
  // timestamps into Dates, so such a value is refused here as a 400 rather than failing there as a 500.
  const rfc3339 = ajv.formats['date-time'] as { validate: (value: string) => boolean };
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => rfc3339.validate(value) && !Number.isNaN(Date.parse(value)),
  });
  return ajv;
}

// Bodies are validated exactly: "100" is not a number. Query strings and path parameters are text by
// nature, so they are coerced.
const exact = makeAjv(false);
const coercing = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? exact : coercing;
  return ajv.compile(schema);
};

/** Turns the first schema error into `body.ttl: must be <= 315360000`, naming the field and the rule. */
export function describeValidationError(errors: ErrorObject[], part: string): string {
  const error = errors[0];
  if (!error) return `${part}: is invalid`;
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('');
  const base = `${part}${path}`;
  if (error.keyword === 'required') return `${base}.${String(error.params.missingProperty)}: is required`;
  if (error.keyword === 'minProperties' && error.params.limit === 1)
    return `${base}: must set at least one field`;
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params.additionalProperty);
    // The name is echoed only when it cannot be a secret: someone may have sent a key as a field name.
    return PLAIN_NAME.test(name) && !inspectKey(name).ok
      ? `${base}.${name}: is not a known field`
      : `${base}: has a field that is not known`;
  }
  return `${base}: ${error.message ?? 'is invalid'}`;
}
