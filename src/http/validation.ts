import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
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
  if (error.keyword === 'additionalProperties') {
    return `${base}.${String(error.params.additionalProperty)}: is not a known field`;
  }
  return `${base}: ${error.message ?? 'is invalid'}`;
}
