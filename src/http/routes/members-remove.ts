import type { Deps } from '../../deps.js';
import { conflict, notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, LAST_ADMIN, nowIso } from '../helpers.js';
import { MemberParams } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function removeMember(app: App, deps: Deps): void {
  app.delete(
    '/v1/organizations/:orgId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member; their keys in this organization are revoked',
        description:
          'Revokes every key the member holds in this organization, in the same transaction, and records how many in the audit entry: adding the member again brings none of them back. The last admin of an organization cannot be removed.',
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
        nowIso(deps),
        auditInput(request, 'member.removed', { orgId, targetId: userId }),
      );
      if (removed === 'not-member') throw notFound('Member');
      if (removed === 'last-admin') throw conflict(LAST_ADMIN);
      return { success: true as const };
    },
  );
}
