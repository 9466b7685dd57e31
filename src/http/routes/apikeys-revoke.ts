import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireKey } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { KeyParams } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function revokeApiKey(app: App, deps: Deps): void {
  app.delete(
    '/v1/apikeys/:keyId',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Revoke a key; it stops working at once',
        description: 'Revoking a revoked key succeeds and changes nothing.',
        params: KeyParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const { keyId } = request.params;
      const { entry } = await requireKey(deps, request, keyId, 'apikeys:write');
      if (entry.key.revokedAt === null) {
        await deps.store.revokeKey(
          keyId,
          nowIso(deps),
          auditInput(request, 'apikey.revoked', { orgId: entry.key.orgId, targetId: keyId }),
        );
      }
      return { success: true as const };
    },
  );
}
