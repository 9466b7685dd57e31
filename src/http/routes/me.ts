import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { keyPermissions } from '../../keys/verify.js';
import type { App } from '../app-type.js';
import { AnyId, errorResponses, idOf, LIMITS, NullableTimestamp, RoleSchema, Text } from '../schemas.js';

export default function me(app: App, deps: Deps): void {
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the credentials authenticate as',
        description:
          "For a key: its organization, and the role and permissions it acts with now, after narrowing by its owner's current role. A token's rights depend on the organization: `role` and `permissions` are null.",
        response: {
          200: Type.Object({
            id: AnyId,
            kind: Type.Union([Type.Literal('user'), Type.Literal('service')]),
            name: Text(LIMITS.name),
            clusterAdmin: Type.Boolean(),
            keyId: Type.Union([idOf('key'), Type.Null()]),
            organizationId: Type.Union([idOf('org'), Type.Null()]),
            role: Type.Union([RoleSchema, Type.Null()]),
            permissions: Type.Union([
              Type.Array(Text(LIMITS.permission), { maxItems: LIMITS.scopes }),
              Type.Null(),
            ]),
            expiresAt: NullableTimestamp,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const caller = request.caller;
      const entry = caller.key;
      const name =
        caller.kind === 'user'
          ? ((await deps.store.findUser(caller.id))?.username ?? '')
          : ((await deps.store.findServiceUser(caller.id))?.name ?? '');
      return {
        id: caller.id,
        kind: caller.kind,
        name,
        clusterAdmin: caller.clusterAdmin,
        keyId: entry?.key.id ?? null,
        organizationId: entry?.key.orgId ?? null,
        role: entry?.role ?? null,
        permissions: entry ? [...keyPermissions(entry)] : null,
        expiresAt: entry?.key.expiresAt ?? null,
      };
    },
  );
}
