import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app.js';
import { auditInput, requireOrg } from '../helpers.js';
import { Closed, errorResponses, idOf, MemberSchema, RoleSchema } from '../schemas.js';

export const MemberParams = Type.Object({ orgId: idOf('org'), userId: idOf('usr') });

export default function updateMember(app: App, deps: Deps): void {
  app.patch(
    '/v1/organizations/:orgId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's role",
        description:
          "The member's keys act with the new role at once: an admin key of a demoted member acts as a member.",
        params: MemberParams,
        body: Type.Object({ role: RoleSchema }, Closed),
        response: { 200: MemberSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      await requireOrg(deps, request, orgId, 'members:write');
      if (!(await deps.store.findMember(orgId, userId))) throw notFound('Member');
      const member = await deps.store.updateMember(
        orgId,
        userId,
        request.body.role,
        auditInput(request, 'member.updated', {
          orgId,
          targetId: userId,
          details: { role: request.body.role },
        }),
      );
      if (!member) throw notFound('Member');
      deps.invalidate.owner(userId);
      return member;
    },
  );
}
