import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { auditInput, nowIso } from '../helpers.js';
import { Closed, errorResponses, Int32, LIMITS, SINGLE_LINE } from '../schemas.js';

export default function reportLeak(app: App, deps: Deps): void {
  app.post(
    '/v1/keys/report-leak',
    {
      schema: {
        tags: ['verification'],
        summary: 'Report leaked keys: every listed key not yet revoked is revoked at once',
        description:
          'Any authenticated caller may report: holding a key is proof enough that it leaked. Disabled and expired keys are revoked too, since a disabled key could be enabled again. Unknown, malformed and already-revoked keys are ignored, and the answer gives only counts.',
        body: Type.Object(
          {
            keys: Type.Array(Type.String({ maxLength: LIMITS.presentedKey }), { minItems: 1, maxItems: 100 }),
            source: Type.Optional(Type.String({ maxLength: 500, pattern: SINGLE_LINE })),
          },
          Closed,
        ),
        response: {
          200: Type.Object({
            success: Type.Literal(true),
            received: Int32({ minimum: 1, maximum: 100 }),
            revoked: Int32({ minimum: 0, maximum: 100 }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const now = deps.clock();
      let revoked = 0;
      for (const presented of new Set(request.body.keys)) {
        const found = await deps.finder.find(presented, now);
        if (typeof found === 'string' || found.key.revokedAt !== null) continue;
        const done = await deps.store.revokeKey(
          found.key.id,
          nowIso(deps),
          auditInput(request, 'apikey.leaked', {
            orgId: found.key.orgId,
            targetId: found.key.id,
            details: { source: request.body.source ?? null },
          }),
        );
        if (done) revoked++;
      }
      return { success: true as const, received: request.body.keys.length, revoked };
    },
  );
}
