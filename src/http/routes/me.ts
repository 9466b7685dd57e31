import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app.js';
import { errorResponses, idOf, RoleSchema } from '../schemas.js';

export default function me(app: App, deps: Deps): void {
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the credentials authenticate as',
        response: {
          200: Type.Object({
            id: Type.String(),
            kind: Type.Union([Type.Literal('user'), Type.Literal('service')]),
            name: Type.String(),
            clusterAdmin: Type.Boolean(),
            keyId: Type.Union([idOf('key'), Type.Null()]),
            organizationId: Type.Union([idOf('org'), Type.Null()]),
            role: Type.Union([RoleSchema, Type.Null()]),
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
        role: entry?.key.role ?? null,
      };
    },
  );
}
