import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, invalid } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { grantPrincipal } from '../key-issuance.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, idOf, MemberSchema, RoleSchema } from '../schemas.js';

export default function addMember(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Add a user to an organization',
        description:
          'The caller must hold everything the role gives, for as long as a membership lasts: a key with an expiry, a rate limit or a quota cannot add members.',
        params: OrgParams,
        body: Type.Object({ userId: idOf('usr'), role: RoleSchema }, Closed),
        response: { 201: MemberSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const { userId, role } = request.body;
      const { access } = await requireOrg(deps, request, orgId, 'members:write');
      await grantPrincipal(deps, request, access, role);
      if (!(await deps.store.findUser(userId))) throw invalid('body.userId', 'names no user');
      if (await deps.store.findMember(orgId, userId)) throw conflict('body.userId: is already a member');
      const member = await deps.store.addMember(
        orgId,
        userId,
        role,
        nowIso(deps),
        auditInput(request, 'member.added', { orgId, targetId: userId, details: { role } }),
      );
      if (!member) throw conflict('body.userId: is already a member');
      return reply.status(201).send(member);
    },
  );
}
