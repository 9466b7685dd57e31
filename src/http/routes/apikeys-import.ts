import { setImmediate as nextTurn } from 'node:timers/promises';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { invalid, KeywardError } from '../../errors.js';
import { isValidPrefix } from '../../keys/format.js';
import { normalizeDigest } from '../../keys/hash.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, checkedMeta } from '../helpers.js';
import {
  assertMayTrySupplied,
  buildKey,
  checkSuppliedKey,
  grant,
  keyFields,
  makerOf,
  resolveOwner,
  suppliedConflict,
} from '../key-issuance.js';
import { OrgParams, OwnerId } from '../params.js';
import {
  Closed,
  Description,
  errorResponses,
  Int32,
  idOf,
  LIMITS,
  Meta,
  Name,
  RoleSchema,
  Scopes,
  Text,
  Timestamp,
} from '../schemas.js';

/** The most keys one import takes (PRODUCT.md: "up to 1,000 keys in one call"). */
const MAX_IMPORT = 1000;

const ImportEntry = Type.Object(
  {
    apiKey: Type.Optional(
      Type.String({ maxLength: 256, description: 'The plain key; or give hash, prefix and hint' }),
    ),
    hash: Type.Optional(Type.String({ maxLength: 100, description: 'SHA-256 of the key, hex or base64' })),
    prefix: Type.Optional(Type.String({ maxLength: 16 })),
    hint: Type.Optional(Type.String({ minLength: 1, maxLength: 24 })),
    name: Name,
    description: Type.Optional(Description),
    ownerId: OwnerId,
    role: RoleSchema,
    scopes: Type.Optional(Scopes),
    expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
    meta: Type.Optional(Meta),
  },
  Closed,
);

const ImportResult = Type.Object({
  index: Int32({ minimum: 0, maximum: MAX_IMPORT - 1 }),
  success: Type.Boolean(),
  id: Type.Optional(idOf('key')),
  error: Type.Optional(Type.Object({ code: Text(LIMITS.word), message: Text(LIMITS.text) })),
});

export default function importApiKeys(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/apikeys/import',
    {
      schema: {
        tags: ['api keys'],
        summary: 'Import up to 1,000 keys from another system, as plain keys or digests',
        description:
          "Each entry is validated and stored on its own: the answer gives every entry's outcome, and an entry that fails changes nothing.",
        params: OrgParams,
        body: Type.Object({ keys: Type.Array(ImportEntry, { minItems: 1, maxItems: MAX_IMPORT }) }, Closed),
        response: {
          200: Type.Object({
            success: Type.Literal(true),
            imported: Int32({ minimum: 0, maximum: MAX_IMPORT }),
            failed: Int32({ minimum: 0, maximum: MAX_IMPORT }),
            results: Type.Array(ImportResult, { maxItems: MAX_IMPORT }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { access, org } = await requireOrg(deps, request, orgId, 'apikeys:import');
      const maker = await makerOf(deps, request.caller, access);
      const results = [];
      for (const [index, entry] of request.body.keys.entries()) {
        // An entry refused before it reaches the store never waits on anything: a thousand of them in
        // one turn held every other request for a third of a second. Each waits for the next turn.
        if (index > 0) await nextTurn();
        const field = `body.keys[${index}]`;
        try {
          // Every entry names a secret whose presence a conflict would reveal: each waits on the throttle.
          assertMayTrySupplied(deps, request);
          let secret: { apiKey: string } | { hash: string; hint: string };
          if (entry.apiKey !== undefined) {
            if (entry.hash !== undefined) throw invalid(field, 'give apiKey or hash, not both');
            checkSuppliedKey(entry.apiKey, org.keyPrefix, `${field}.apiKey`);
            secret = { apiKey: entry.apiKey };
          } else {
            const hash = entry.hash === undefined ? null : normalizeDigest(entry.hash);
            if (hash === null)
              throw invalid(`${field}.hash`, 'must be a SHA-256 digest in hex or base64 (or give apiKey)');
            if (
              entry.prefix === undefined ||
              !isValidPrefix(entry.prefix) ||
              entry.prefix !== org.keyPrefix
            ) {
              throw invalid(`${field}.prefix`, `must be "${org.keyPrefix}", this organization's prefix`);
            }
            if (entry.hint === undefined || !entry.hint.startsWith(`${entry.prefix}_`)) {
              throw invalid(`${field}.hint`, `must start with "${entry.prefix}_"`);
            }
            secret = { hash, hint: entry.hint };
          }
          const meta = checkedMeta(entry.meta, `${field}.meta`);
          const owner = await resolveOwner(deps, request, access, entry.ownerId, `${field}.ownerId`);
          const expiresAt = entry.expiresAt ? new Date(entry.expiresAt).toISOString() : null;
          const { cluster } = grant(
            maker,
            {
              owner,
              role: entry.role,
              scopes: entry.scopes ?? null,
              expiresAtMs: expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(expiresAt),
              ratelimit: null,
              quota: null,
            },
            keyFields(field, 'expiresAt'),
          );
          const key = buildKey(deps, request, orgId, owner.id, { ...entry, meta }, secret, expiresAt, {
            cluster,
          });
          const created = await deps.store.createKey(
            key,
            auditInput(request, 'apikey.imported', {
              orgId,
              targetId: key.id,
              details: { ownerId: owner.id, hint: key.hint },
            }),
          );
          if (!created) throw suppliedConflict(deps, request, field);
          results.push({ index, success: true, id: key.id });
        } catch (error) {
          if (!(error instanceof KeywardError)) throw error;
          results.push({ index, success: false, error: { code: error.code, message: error.message } });
        }
      }
      const imported = results.filter((r) => r.success).length;
      return { success: true as const, imported, failed: results.length - imported, results };
    },
  );
}
