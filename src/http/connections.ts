import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Access, orgAccess } from '../auth/caller.js';
import {
  buildRequest,
  FIELD_LIMITS,
  type FieldProblem,
  type OutgoingRequest,
  type Provider,
  RequestRefused,
  validateFields,
} from '../connections/index.js';
import type { Deps } from '../deps.js';
import { forbidden, invalid, KeywardError, notFound } from '../errors.js';
import { newId } from '../keys/ids.js';
import { OutboundError } from '../outbound/errors.js';
import type { CheckOutcome, ConnectionCheck, StoredConnection } from '../store/types.js';
import { VaultError } from '../vault/vault.js';
import { AnyId, Int32, idOf, LIMITS, NullableTimestamp, Text, Timestamp } from './schemas.js';

/**
 * What the connection routes share: the public shapes, the guard, and the check of a credential against
 * its provider. Secrets go in through here and never come back out: no shape below has a place for one.
 */

/** A connection expiring within this long is flagged in lists (`expiresSoon`) and found by `?expiring=true`. */
export const EXPIRING_WITHIN_MS = 14 * 86_400_000;

/** A provider's name in the catalog, as the routes that take one accept it. */
const PROVIDER_NAME = 100;

const FieldValues = (description: string) =>
  Type.Record(
    Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
    Type.String({ maxLength: FIELD_LIMITS.valueLength }),
    {
      maxProperties: FIELD_LIMITS.fields,
      description,
    },
  );
export const ConfigValues = FieldValues(
  "The provider's plain fields (Nango's `connection_config`), such as `hostname`: stored as they are, and shown",
);
export const CredentialValues = FieldValues(
  "The provider's secret fields, such as `apiKey`: checked, encrypted, and never shown again",
);

const CheckSchema = Type.Object({
  at: Timestamp,
  ok: Type.Boolean(),
  outcome: Type.Union(
    [Type.Literal('passed'), Type.Literal('refused'), Type.Literal('unreachable'), Type.Literal('forbidden')],
    {
      description:
        '`passed`: the provider answered 2xx. `refused`: it answered something else (`status`). `unreachable`: no answer (DNS, connection, TLS, timeout). `forbidden`: its address is one this cluster does not reach',
    },
  ),
  status: Type.Union([Int32({ minimum: 100, maximum: 599 }), Type.Null()]),
});

export const ConnectionSchema = Type.Object({
  id: idOf('con'),
  orgId: idOf('org'),
  provider: Text(PROVIDER_NAME),
  name: Text(LIMITS.name),
  config: Type.Record(Type.String(), Text(FIELD_LIMITS.valueLength), { maxProperties: FIELD_LIMITS.fields }),
  expiresAt: NullableTimestamp,
  expiresSoon: Type.Boolean({ description: 'Expires within 14 days, or has expired' }),
  lastCheck: Type.Union([CheckSchema, Type.Null()], {
    description: 'The last check of the credential against the provider; null when the provider has none',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: Type.Union([AnyId, Type.Null()]),
});

const FieldSchema = Type.Object({
  name: Text(LIMITS.word),
  part: Type.Union([Type.Literal('config'), Type.Literal('credentials')]),
  title: Text(LIMITS.text),
  description: Text(LIMITS.text),
  format: Type.Optional(Text(LIMITS.word)),
  prefix: Type.Optional(Text(LIMITS.text)),
  suffix: Type.Optional(Text(LIMITS.text)),
  example: Type.Optional(Text(LIMITS.text)),
  pattern: Type.Optional(Text(LIMITS.text)),
  enum: Type.Optional(Type.Array(Text(LIMITS.text), { maxItems: LIMITS.listItems })),
  optional: Type.Boolean(),
  secret: Type.Boolean(),
  docs: Type.Optional(Text(LIMITS.text)),
  order: Int32({ minimum: 0, maximum: LIMITS.listItems }),
});

const providerFields = {
  name: Text(PROVIDER_NAME),
  displayName: Text(LIMITS.name),
  authMode: Type.Union([Type.Literal('API_KEY'), Type.Literal('BASIC')]),
  categories: Type.Array(Text(LIMITS.word), { maxItems: LIMITS.listItems }),
  docs: Type.Optional(Text(LIMITS.text)),
  docsConnect: Type.Optional(Text(LIMITS.text)),
  verifies: Type.Boolean({
    description: 'Whether a credential is checked with the provider before it is saved',
  }),
};
export const ProviderSummarySchema = Type.Object(providerFields);
export const ProviderSchema = Type.Object({
  ...providerFields,
  fields: Type.Array(FieldSchema, { maxItems: LIMITS.listItems }),
});

/** The errors a connection route may answer besides the usual ones. */
export const gatewayResponses = {
  502: Type.Ref('Error'),
  503: Type.Ref('Error'),
  504: Type.Ref('Error'),
};

/** The public view of a connection: never its sealed secrets nor the key that wrapped them. */
export function connectionBody(connection: StoredConnection, nowMs: number) {
  const { sealed: _sealed, masterKeyId: _masterKeyId, lastCheck, ...rest } = connection;
  return {
    ...rest,
    expiresSoon: rest.expiresAt !== null && Date.parse(rest.expiresAt) - nowMs <= EXPIRING_WITHIN_MS,
    lastCheck: lastCheck === null ? null : { ...lastCheck, ok: lastCheck.outcome === 'passed' },
  };
}

/** A provider of the catalog, or `400` naming the field that asked for it. */
export function providerNamed(deps: Deps, name: string, field = 'body.provider'): Provider {
  const provider = deps.catalog.get(name);
  if (!provider) throw invalid(field, `is not a provider Keyward knows (GET /v1/providers lists them)`);
  return provider;
}

/**
 * A connection the caller may reach, with their access to its organization: `404` when they cannot see
 * it, `403` when they lack `permission`. Members of the organization see its connections (never their
 * secrets); only holders of `connections:write` or `connections:use` change or use them.
 */
export async function requireConnection(
  deps: Deps,
  request: FastifyRequest,
  id: string,
  permission: string,
): Promise<{ connection: StoredConnection; access: Access }> {
  const connection = await deps.store.findConnection(id);
  const access = connection ? await orgAccess(deps.store, request.caller, connection.orgId) : null;
  if (!connection || !access) throw notFound('Connection');
  if (!access.can(permission)) throw forbidden(`The caller lacks ${permission} in this organization`);
  return { connection, access };
}

/** A new connection's record, all but its sealed credentials, which the vault adds. */
export function newConnection(
  deps: Deps,
  fields: {
    orgId: string;
    provider: Provider;
    name: string | undefined;
    config: Record<string, string>;
    expiresAt: string | undefined;
    check: CheckResult | null;
    createdBy: string;
  },
): Omit<StoredConnection, 'sealed' | 'masterKeyId'> {
  const at = new Date(deps.clock()).toISOString();
  return {
    id: newId('con'),
    orgId: fields.orgId,
    provider: fields.provider.name,
    name: fields.name ?? fields.provider.displayName,
    config: fields.config,
    expiresAt: fields.expiresAt ? new Date(fields.expiresAt).toISOString() : null,
    lastCheck: fields.check?.check ?? null,
    createdAt: at,
    updatedAt: at,
    createdBy: fields.createdBy,
  };
}

/** `503` before anything is written when this server holds no master key (PostgreSQL without one). */
export function requireVault(deps: Deps): void {
  if (!deps.vault.available) {
    throw new KeywardError(
      'UNAVAILABLE',
      'Connections are off on this server: it holds no master key (set KEYWARD_VAULT_KEYS)',
    );
  }
}

const RULES: Record<FieldProblem['rule'], string> = {
  unknown: 'is not a field of this provider',
  required: 'is required by this provider',
  type: 'must be a string',
  'too-long': `must be at most ${FIELD_LIMITS.valueLength} characters`,
  'too-many': `may hold at most ${FIELD_LIMITS.fields} fields in all`,
  'control-character': 'must not hold control characters',
  hostname: 'must be a host name or host:port, without a scheme, path or credentials',
  uri: 'must be an https URL without credentials, query or fragment',
  email: 'must be an email address',
  uuid: 'must be a UUID',
  path: 'must be an absolute path such as /api/me',
  'host-label': 'may hold only letters, digits, dots and hyphens',
  'host-path': 'must be a host name, optionally followed by a path, without a scheme',
  'header-name': 'must be an HTTP header name that does not frame the request',
  enum: "must be one of the provider's values",
  pattern: "does not match the provider's pattern",
};

/** `400` for fields that break the provider's rules, naming every field at fault and never a value. */
export function checkFields(provider: Provider, config: unknown, credentials: unknown): void {
  const problems = validateFields(provider, config ?? {}, credentials ?? {});
  if (problems.length > 0) {
    throw new KeywardError(
      'INVALID_REQUEST',
      problems.map((problem) => `body.${problem.field}: ${RULES[problem.rule]}`).join('; '),
    );
  }
}

/** What a check found, with a sentence for the caller; the provider's body is never read. */
export interface CheckResult {
  check: ConnectionCheck;
  message: string;
}

/**
 * Sends the provider's verification request with the credential, and says how it ended. Null when the
 * provider has none (or none for these fields): the connection is then saved unchecked.
 */
export async function checkCredential(
  deps: Deps,
  provider: Provider,
  values: { config: Record<string, string>; credentials: Record<string, string> },
): Promise<CheckResult | null> {
  let outgoing: OutgoingRequest | null;
  try {
    outgoing = buildRequest(provider, values, 'verify');
  } catch (error) {
    if (error instanceof RequestRefused)
      throw invalid(`body.${error.where}`, 'cannot be used to build the request');
    throw error;
  }
  if (outgoing === null) return null;
  const at = new Date(deps.clock()).toISOString();
  const done = (outcome: CheckOutcome, status: number | null, message: string): CheckResult => ({
    check: { at, outcome, status },
    message,
  });
  try {
    const response = await deps.outbound.send({
      method: outgoing.method,
      url: outgoing.url,
      headers: outgoing.headers,
      ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
    });
    // Only the status counts; the body may echo the credential, so it is never read.
    response.body.destroy();
    if (response.status >= 200 && response.status < 300) {
      return done('passed', response.status, `${provider.displayName} accepted the credentials`);
    }
    return done(
      'refused',
      response.status,
      `${provider.displayName} did not accept the credentials: it answered ${response.status}`,
    );
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    if (error.code === 'FORBIDDEN_ADDRESS' || error.code === 'FORBIDDEN_URL') {
      return done(
        'forbidden',
        null,
        `${provider.displayName} was not called: ${error.message} (the cluster's KEYWARD_OUTBOUND_ALLOW decides)`,
      );
    }
    return done('unreachable', null, `${provider.displayName} could not be reached: ${error.message}`);
  }
}

/** The `400` that refuses to store a credential its provider did not accept. */
export function checkFailed(result: CheckResult): KeywardError {
  return new KeywardError('CONNECTION_CHECK_FAILED', result.message);
}

/**
 * A connection's secret fields, opened. A record that does not open (edited, moved to another row, under
 * a master key this server lacks) is never used: the caller gets a `500` that says what to do.
 */
export function openCredentials(
  deps: Deps,
  request: FastifyRequest,
  connection: StoredConnection,
): Record<string, string> {
  requireVault(deps);
  try {
    return deps.vault.open({ orgId: connection.orgId, connectionId: connection.id }, connection.sealed);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    request.log.error(
      { connectionId: connection.id, code: error.code, err: error },
      'a connection does not open',
    );
    throw new KeywardError(
      'CONNECTION_UNREADABLE',
      `The connection's credentials do not decrypt (${error.code}): they were altered, moved, or sealed under a master key this server lacks. Enter them again with PATCH`,
    );
  }
}
