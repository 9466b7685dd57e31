import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { Grants, rolePermissions } from '../../keys/permissions.js';
import type { Rank } from '../../keys/types.js';
import type { App } from '../app-type.js';
import { requireKey } from '../guards.js';
import { auditInput, checkedMeta, keyBody, RANKS, rankOf } from '../helpers.js';
import { grant, keyAuthority, keyFields, makerOf } from '../key-issuance.js';
import { KeyParams } from '../params.js';
import { ApiKeySchema, ClosedPatch, Description, errorResponses, Meta, Name, Scopes } from '../schemas.js';

const DISABLED_BY = {
  member: 'its owner',
  admin: 'an organization admin',
  cluster: 'a cluster admin',
} as const;

/**
 * Who a disablement belongs to: the caller's rank, or, when the key is disabled already, the higher of
 * that and the rank that disabled it, so that disabling again never lowers whom the enable needs.
 */
function disabler(key: { enabled: boolean; disabledBy: Rank | null }, rank: Rank): Rank {
  if (key.enabled) return rank;
  const before = key.disabledBy ?? 'admin';
  return RANKS.indexOf(before) > RANKS.indexOf(rank) ? before : rank;
}

export default function updateApiKey(app: App, deps: Deps): void {
  app.patch(
    '/v1/apikeys/:keyId',
    {
      schema: {
        tags: ['api keys'],
        summary: "Change a key's name, description, meta, enabled flag or scopes",
        description:
          "Scopes can only narrow: each new scope must be covered by the key's current scopes or role. A disabled key is enabled again only by a caller of the rank that disabled it or higher (the key's owner, an organization admin, a cluster admin), and only when the caller holds everything the key holds.",
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
      const rank = rankOf(access);
      if (body.enabled === true && !entry.key.enabled) {
        const by = entry.key.disabledBy ?? 'admin';
        if (RANKS.indexOf(rank) < RANKS.indexOf(by))
          throw forbidden(`body.enabled: ${DISABLED_BY[by]} disabled this key; only they can enable it`);
        grant(
          await makerOf(deps, request.caller, access),
          await keyAuthority(deps, entry),
          keyFields('key', 'expiresAt'),
        );
      }
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
        { ...body, meta, ...(body.enabled === false ? { disabledBy: disabler(entry.key, rank) } : {}) },
        auditInput(request, 'apikey.updated', {
          orgId: entry.key.orgId,
          targetId: keyId,
          details: { fields: Object.keys(body) },
        }),
      );
      if (!updated) throw notFound('API key');
      return keyBody(updated);
    },
  );
}
