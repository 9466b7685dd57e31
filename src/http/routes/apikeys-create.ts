import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { generateKey } from '../../keys/format.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, checkedMeta, keyBody } from '../helpers.js';
import {
  assertMayTrySupplied,
  buildKey,
  checkSuppliedKey,
  grant,
  keyFields,
  makerOf,
  resolveOwner,
  suppliedConflict,
} from '../key-issuance.js';
import { OrgParams, OwnerId } from '../params.js';
import {
  Closed,
  CreatedKeySchema,
  Description,
  errorResponses,
  Meta,
  Name,
  QuotaInput,
  RateLimitSchema,
  RoleSchema,
  Scopes,
  Ttl,
} from '../schemas.js';

export default function createApiKey(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/apikeys',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key; the answer shows the key once',
        description:
          "The owner defaults to the caller. A caller-supplied `apiKey` must start with the organization prefix and `_` and be at least 32 characters long. Role and scopes can only narrow the owner's rights.",
        params: OrgParams,
        body: Type.Object(
          {
            name: Name,
            description: Type.Optional(Description),
            role: RoleSchema,
            ttl: Type.Optional(Ttl),
            apiKey: Type.Optional(Type.String({ maxLength: 256 })),
            scopes: Type.Optional(Scopes),
            ownerId: Type.Optional(OwnerId),
            meta: Type.Optional(Meta),
            ratelimit: Type.Optional(RateLimitSchema),
            quota: Type.Optional(QuotaInput),
          },
          Closed,
        ),
        response: { 201: CreatedKeySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const body = request.body;
      const { access, org } = await requireOrg(deps, request, orgId, 'apikeys:write');
      const meta = checkedMeta(body.meta);
      if (body.apiKey !== undefined) {
        checkSuppliedKey(body.apiKey, org.keyPrefix);
        assertMayTrySupplied(deps, request);
      }
      const owner = await resolveOwner(deps, request, access, body.ownerId);
      const endsAtMs = body.ttl === undefined ? Number.POSITIVE_INFINITY : deps.clock() + body.ttl * 1000;
      const { cluster } = grant(
        await makerOf(deps, request.caller, access),
        {
          owner,
          role: body.role,
          scopes: body.scopes ?? null,
          expiresAtMs: endsAtMs,
          ratelimit: body.ratelimit ?? null,
          quota: body.quota ? { remaining: body.quota.remaining, refill: body.quota.refill ?? null } : null,
        },
        keyFields('body', 'ttl'),
      );
      const apiKey = body.apiKey ?? generateKey(org.keyPrefix);
      const expiresAt = body.ttl === undefined ? null : new Date(endsAtMs).toISOString();
      const key = buildKey(deps, request, orgId, owner.id, { ...body, meta }, { apiKey }, expiresAt, {
        cluster,
      });
      const created = await deps.store.createKey(
        key,
        auditInput(request, 'apikey.created', {
          orgId,
          targetId: key.id,
          details: { ownerId: owner.id, role: key.role, hint: key.hint, supplied: body.apiKey !== undefined },
        }),
      );
      if (!created) throw suppliedConflict(deps, request, 'body.apiKey');
      return reply.status(201).send({ success: true as const, apiKey, ...keyBody(key) });
    },
  );
}
