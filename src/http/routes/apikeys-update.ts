import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { Grants, rolePermissions } from '../../keys/permissions.js';
import type { App } from '../app.js';
import { auditInput, checkedMeta, keyBody, requireKey } from '../helpers.js';
import { ApiKeySchema, ClosedPatch, Description, errorResponses, Meta, Name, Scopes } from '../schemas.js';
import { KeyParams } from './apikeys-get.js';

export default function updateApiKey(app: App, deps: Deps): void {
  app.patch(
    '/v1/apikeys/:keyId',
    {
      schema: {
        tags: ['api keys'],
        summary: "Change a key's name, description, meta, enabled flag or scopes",
        description:
          "Scopes can only narrow: each new scope must be covered by the key's current scopes or role.",
        params: KeyParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            description: Type.Optional(Type.Union([Description, Type.Null()])),
            meta: Type.Optional(Type.Union([Meta, Type.Null()])),
            enabled: Type.Optional(Type.Boolean()),
            scopes: Type.Optional(Scopes),
          },
          ClosedPatch,
        ),
        response: { 200: ApiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const { keyId } = request.params;
      const body = request.body;
      const { entry, access } = await requireKey(deps, request, keyId, 'apikeys:write');
      const meta = checkedMeta(body.meta);
      if (body.scopes) {
        // Narrower than what the key can do now (its owner may have been demoted since), and nothing the
        // caller could not grant on a new key.
        const current = new Grants(entry.key.scopes ?? rolePermissions(entry.role));
        const widening = body.scopes.find((scope) => !current.has(scope));
        if (widening) {
          throw invalid('body.scopes', `can only narrow; ${widening} is not within the key's current rights`);
        }
        const ungrantable = body.scopes.find((scope) => !access.can(scope));
        if (ungrantable)
          throw forbidden(`body.scopes: grants ${ungrantable}, which the caller does not hold`);
      }
      const updated = await deps.store.updateKey(
        keyId,
        { ...body, meta },
        auditInput(request, 'apikey.updated', {
          orgId: entry.key.orgId,
          targetId: keyId,
          details: { fields: Object.keys(body) },
        }),
      );
      if (!updated) throw notFound('API key');
      deps.invalidate.key(keyId);
      return keyBody(updated);
    },
  );
}
