import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { visibleUser } from '../guards.js';
import { UserParams } from '../params.js';
import { errorResponses, UserSchema } from '../schemas.js';

export default function getUser(app: App, deps: Deps): void {
  app.get(
    '/v1/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Get a user (cluster admins, or the user themselves)',
        params: UserParams,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => visibleUser(deps, request, request.params.userId),
  );
}
