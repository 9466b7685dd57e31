import { ApiError, api, type Member, type Page, type ServiceUser } from '../api.js';

/** Who the signed-in user is, as `GET /v1/me` answers for the console's session. */
interface Me {
  id: string;
  name: string;
}

/**
 * The names of those who may own an organization's keys, by id. A member may not list service users
 * (`serviceusers:read`), and may not make keys for them either: they are simply left out.
 */
export async function ownersOf(
  orgId: string,
): Promise<{ me: Me; names: Map<string, string>; services: ServiceUser[] }> {
  const [me, members, services] = await Promise.all([
    api<Me>('GET', '/v1/me'),
    api<Page<Member>>('GET', `/v1/organizations/${orgId}/members?limit=100`).catch(forbiddenAsNone<Member>),
    api<Page<ServiceUser>>('GET', `/v1/organizations/${orgId}/service-users?limit=100`).catch(
      forbiddenAsNone<ServiceUser>,
    ),
  ]);
  const names = new Map<string, string>([[me.id, me.name]]);
  for (const member of members.items) names.set(member.userId, member.username);
  for (const service of services.items) names.set(service.id, `${service.name} (service user)`);
  return { me, names, services: services.items };
}

function forbiddenAsNone<T>(error: unknown): Page<T> {
  if (error instanceof ApiError && error.status === 403) return { items: [], nextCursor: null };
  throw error;
}
