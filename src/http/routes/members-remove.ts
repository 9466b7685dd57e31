import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app.js';
import { auditInput, requireOrg } from '../helpers.js';
import { errorResponses, Success } from '../schemas.js';
import { MemberParams } from './members-update.js';

export default function removeMember(app: App, deps: Deps): void {
  app.delete(
    '/v1/organizations/:orgId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member; their keys in this organization stop working at once',
        params: MemberParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      await requireOrg(deps, request, orgId, 'members:write');
      const removed = await deps.store.removeMember(
        orgId,
        userId,
        auditInput(request, 'member.removed', { orgId, targetId: userId }),
      );
      if (!removed) throw notFound('Member');
      deps.invalidate.owner(userId);
      return { success: true as const };
    },
  );
}
