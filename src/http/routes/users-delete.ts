import type { Deps } from '../../deps.js';
import { conflict, forbidden, notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { visibleUser } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { UserParams } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function deleteUser(app: App, deps: Deps): void {
  app.delete(
    '/v1/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete a user (cluster admins only); their keys are revoked',
        params: UserParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = request.params;
      await visibleUser(deps, request, userId);
      if (!request.caller.clusterAdmin) throw forbidden('Only cluster admins delete users');
      if (request.caller.id === userId) throw conflict('A cluster admin cannot delete themselves');
      const deleted = await deps.store.deleteUser(
        userId,
        nowIso(deps),
        auditInput(request, 'user.deleted', { targetId: userId }),
      );
      if (!deleted) throw notFound('User');
      return { success: true as const };
    },
  );
}
