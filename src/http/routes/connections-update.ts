import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { invalid, notFound } from '../../errors.js';
import type { ConnectionPatch } from '../../store/queries/connections.js';
import type { App } from '../app-type.js';
import {
  ConfigValues,
  ConnectionSchema,
  CredentialValues,
  checkCredential,
  checkFailed,
  checkFields,
  connectionBody,
  gatewayResponses,
  openCredentials,
  providerNamed,
  requireConnection,
} from '../connections.js';
import { auditInput, nowIso } from '../helpers.js';
import { ConnectionParams } from '../params.js';
import { ClosedPatch, errorResponses, Name, NullableTimestamp } from '../schemas.js';

export default function updateConnection(app: App, deps: Deps): void {
  app.patch(
    '/v1/connections/:connectionId',
    {
      schema: {
        tags: ['connections'],
        summary: 'Rename a connection, change its expiry, or replace its fields or credentials',
        description:
          '`config` and `credentials` each replace the whole set. A change to either is checked with the provider before it replaces what is stored: a credential the provider refuses answers `400 CONNECTION_CHECK_FAILED` and changes nothing. A `config` that differs from the stored one needs `credentials` too: the stored secret is never sent to an address it was not stored for.',
        params: ConnectionParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            config: Type.Optional(ConfigValues),
            credentials: Type.Optional(CredentialValues),
            expiresAt: Type.Optional(NullableTimestamp),
          },
          ClosedPatch,
        ),
        response: { 200: ConnectionSchema, ...errorResponses, ...gatewayResponses },
      },
    },
    async (request) => {
      const body = request.body;
      const { connection } = await requireConnection(
        deps,
        request,
        request.params.connectionId,
        'connections:write',
      );
      if (body.expiresAt && Date.parse(body.expiresAt) <= deps.clock()) {
        throw invalid('body.expiresAt', 'must be in the future');
      }
      const patch: ConnectionPatch = {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.expiresAt === undefined
          ? {}
          : { expiresAt: body.expiresAt === null ? null : new Date(body.expiresAt).toISOString() }),
      };
      const audit = auditInput(request, 'connection.updated', {
        orgId: connection.orgId,
        targetId: connection.id,
        details: { fields: Object.keys(body) },
      });
      if (
        body.config !== undefined &&
        body.credentials === undefined &&
        !sameValues(body.config, connection.config)
      ) {
        throw invalid(
          'body.credentials',
          'is required when config changes: the stored credentials go only where they were checked',
        );
      }
      let updated: Awaited<ReturnType<typeof deps.store.updateConnection>>;
      if (body.config === undefined && body.credentials === undefined) {
        updated = await deps.store.updateConnection(connection.id, patch, nowIso(deps), audit);
      } else {
        const provider = providerNamed(deps, connection.provider, 'provider');
        const config = body.config ?? connection.config;
        const credentials = body.credentials ?? openCredentials(deps, request, connection);
        checkFields(provider, config, credentials);
        const result = await checkCredential(deps, provider, { config, credentials });
        if (result !== null && result.check.outcome !== 'passed') throw checkFailed(result);
        updated = await deps.vault.sealAndWrite(
          { orgId: connection.orgId, connectionId: connection.id },
          credentials,
          (sealed, masterKeyId) =>
            deps.store.updateConnection(
              connection.id,
              { ...patch, config, sealed, masterKeyId, lastCheck: result?.check ?? null },
              nowIso(deps),
              audit,
            ),
        );
      }
      if (!updated) throw notFound('Connection');
      return connectionBody(updated, deps.clock());
    },
  );
}

/** Whether two sets of field values hold the same names with the same values, in any order. */
function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => Object.hasOwn(b, name) && b[name] === a[name])
  );
}
