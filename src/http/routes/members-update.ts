import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, LAST_ADMIN } from '../helpers.js';
import { grantPrincipal } from '../key-issuance.js';
import { MemberParams } from '../params.js';
import { Closed, errorResponses, MemberSchema, RoleSchema } from '../schemas.js';

export default function updateMember(app: App, deps: Deps): void {
  app.patch(
    '/v1/organizations/:orgId/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's role",
        description:
          "The member's keys act with the new role at once: an admin key of a demoted member acts as a member. The last admin of an organization cannot be demoted.",
        params: MemberParams,
        body: Type.Object({ role: RoleSchema }, Closed),
        response: { 200: MemberSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      const { access } = await requireOrg(deps, request, orgId, 'members:write');
      await grantPrincipal(deps, request, access, request.body.role);
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
      if (member === 'not-member') throw notFound('Member');
      if (member === 'last-admin') throw conflict(LAST_ADMIN);
      return member;
    },
  );
}
