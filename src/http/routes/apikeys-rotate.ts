import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, KeywardError } from '../../errors.js';
import { generateKey } from '../../keys/format.js';
import { keyStatus } from '../../keys/verify.js';
import type { App } from '../app-type.js';
import { requireKey } from '../guards.js';
import { auditInput, keyBody } from '../helpers.js';
import { buildKey, grant, keyAuthority, keyFields, makerOf } from '../key-issuance.js';
import { KeyParams } from '../params.js';
import { Closed, CreatedKeySchema, errorResponses, Int32, idOf, Timestamp } from '../schemas.js';

export default function rotateApiKey(app: App, deps: Deps): void {
  app.post(
    '/v1/apikeys/:keyId/rotate',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Issue a new secret; the old one works until the grace period ends',
        description:
          "The successor is a new key with the same owner, role, scopes, meta, limits and expiry, and it shares the old key's rate-limit window and what is left of its quota. The old key expires after `gracePeriod` seconds (0: at once; at most 30 days), and a key is rotated once. The caller must hold everything the key holds: rotating hands its authority to a new secret.",
        params: KeyParams,
        body: Type.Object(
          {
            gracePeriod: Type.Optional(
              Int32({ minimum: 0, maximum: 2_592_000, default: 0, description: 'Seconds' }),
            ),
          },
          Closed,
        ),
        response: {
          201: Type.Intersect([
            CreatedKeySchema,
            Type.Object({ previous: Type.Object({ id: idOf('key'), expiresAt: Timestamp }) }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { keyId } = request.params;
      const { entry, access } = await requireKey(deps, request, keyId, 'apikeys:write');
      const now = deps.clock();
      const status = keyStatus(entry, now);
      if (status !== 'VALID')
        throw new KeywardError('CONFLICT', `Only a working key can be rotated; this one is ${status}`);
      const old = entry.key;
      if (old.successorId !== null)
        throw conflict(`The key was rotated already; its successor is ${old.successorId}`);
      const held = await keyAuthority(deps, entry);
      const { cluster } = grant(
        await makerOf(deps, request.caller, access),
        { ...held, renewal: true },
        keyFields('key', 'expiresAt'),
      );
      const org = await deps.store.findOrganization(entry.key.orgId);
      const apiKey = generateKey(org?.keyPrefix ?? old.hint.slice(0, old.hint.indexOf('_')));
      // The successor acts with the role the key acts with now, and takes over its budget as spent so far.
      const successor = buildKey(
        deps,
        request,
        old.orgId,
        old.ownerId,
        { ...old, role: entry.role },
        { apiKey },
        old.expiresAt,
        {
          cluster,
          budgetId: old.budgetId,
          ...(old.quota
            ? { quota: { ...(await deps.counters.quotaNow(old.budgetId, old.quota, now)) } }
            : {}),
        },
      );
      const graceEnds = new Date(now + (request.body?.gracePeriod ?? 0) * 1000).toISOString();
      const rotated = await deps.store.rotateKey(
        keyId,
        graceEnds,
        successor,
        auditInput(request, 'apikey.rotated', {
          orgId: old.orgId,
          targetId: keyId,
          details: { successorId: successor.id, graceEndsAt: graceEnds },
        }),
      );
      if (!rotated) throw conflict('The key changed during rotation; try again');
      const previousExpiry = old.expiresAt !== null && old.expiresAt < graceEnds ? old.expiresAt : graceEnds;
      return reply.status(201).send({
        success: true as const,
        apiKey,
        ...keyBody(successor),
        previous: { id: keyId, expiresAt: previousExpiry },
      });
    },
  );
}
