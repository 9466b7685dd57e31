import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { orgAccess } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { forbidden, KeywardError, notFound } from '../../errors.js';
import { KeyEventStream } from '../../events/stream.js';
import type { App } from '../app-type.js';
import { AnyId, Closed, errorResponses, Int32 } from '../schemas.js';
import { mayVerify } from '../verify-answer.js';

/** The organizations a user's stream covers at most. */
const MAX_ORGS = 1_000;

export default function events(app: App, deps: Deps): void {
  // At shutdown, streams end first: they would otherwise hold the server open.
  app.addHook('preClose', (done) => {
    deps.events.endAll();
    done();
  });

  app.get(
    '/v1/events',
    {
      schema: {
        tags: ['verification'],
        summary: 'Stream key events as Server-Sent Events',
        description:
          'For services that cache what verify answered (the middleware of `@keyward/client`): each event ' +
          'names a key or an owner whose earlier answers may no longer hold. Events are `key.revoked`, ' +
          '`key.disabled`, `key.enabled`, `key.updated`, `key.rotated`, `key.expired`, `key.deleted` and ' +
          '`owner.changed`, with ids only (`{id, type, keyId, ownerId, organizationId, at}`), never a ' +
          "secret. Needs `keys:verify`: a key receives its own organization's events, a user those of " +
          "their organizations, a cluster admin every organization's (`orgId` narrows it to one). " +
          'Send `Last-Event-ID` to resume: the events after it are sent first, or `event: reset` when the ' +
          'log no longer holds them (drop everything cached). Then `event: ready` (its id is the newest ' +
          "event's), then events as they happen, and a `: ping` comment every `heartbeat` seconds. The " +
          "server ends a stream after five minutes, at shutdown, and when the caller's own key or " +
          'owner changes; clients reconnect with the last id they received. `503` while this process ' +
          "cannot hear other processes' changes.",
        querystring: Type.Object(
          {
            orgId: Type.Optional(AnyId),
            heartbeat: Type.Optional(
              Int32({
                minimum: 1,
                maximum: 60,
                default: 15,
                description: 'Seconds between `: ping` comments',
              }),
            ),
          },
          Closed,
        ),
        headers: Type.Object({
          'last-event-id': Type.Optional(
            Type.String({
              pattern: '^[0-9]{1,15}$',
              maxLength: 15,
              description: 'The id of the last event received',
            }),
          ),
        }),
        produces: ['text/event-stream'],
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId, heartbeat = 15 } = request.query;
      const orgIds = await streamOrgs(deps, request, orgId ?? null);
      if (!deps.events.available) {
        throw new KeywardError(
          'UNAVAILABLE',
          "This process cannot hear other processes' changes now; try again",
          {
            'retry-after': '1',
          },
        );
      }
      const lastEventId = request.headers['last-event-id'];
      const stream = new KeyEventStream(
        {
          orgIds,
          after: typeof lastEventId === 'string' ? Number(lastEventId) : null,
          heartbeatMs: heartbeat * 1000,
          callerId: request.caller.id,
          callerKeyId: request.caller.key?.key.id ?? null,
        },
        deps.events,
        deps.store,
        deps.clock,
        request.log,
      );
      request.raw.on('close', () => stream.end());
      // A quiet stream is not an idle connection.
      request.raw.socket?.setTimeout?.(0);
      reply
        .code(200)
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no');
      reply.send(stream.body);
      await stream.start();
      return reply;
    },
  );
}

/**
 * The organizations whose events the caller may receive: those where they may verify keys. Null for a
 * cluster admin's stream of every organization.
 */
async function streamOrgs(
  deps: Deps,
  request: FastifyRequest,
  orgId: string | null,
): Promise<string[] | null> {
  const caller = request.caller;
  if (!mayVerify(caller)) throw forbidden('The caller lacks keys:verify');
  if (orgId !== null) {
    const access = await orgAccess(deps.store, caller, orgId);
    if (!access || !(await deps.store.findOrganization(orgId))) throw notFound('Organization');
    if (!access.can('keys:verify')) throw forbidden('The caller lacks keys:verify in this organization');
    return [orgId];
  }
  if (caller.clusterAdmin) return null;
  if (caller.key) return [caller.key.key.orgId];
  const orgIds: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.listOrganizations(caller.id, { limit: 200, after: cursor });
    for (const org of page.items) {
      if ((await orgAccess(deps.store, caller, org.id))?.can('keys:verify')) orgIds.push(org.id);
    }
    cursor = page.next;
  } while (cursor !== null && orgIds.length < MAX_ORGS);
  return orgIds;
}
