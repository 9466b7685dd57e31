import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import type { App } from '../app-type.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { Closed, errorResponses, listOf, PageQuery, UserSchema } from '../schemas.js';

export default function listUsers(app: App, deps: Deps): void {
  app.get(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (cluster admins only)',
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(UserSchema), ...errorResponses },
      },
    },
    async (request) => {
      if (!request.caller.clusterAdmin) throw forbidden('Only cluster admins list users');
      const result = await deps.store.listUsers(pageFrom(request.query));
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
