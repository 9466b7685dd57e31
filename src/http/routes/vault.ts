import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { VaultError } from '../../vault/vault.js';
import type { App } from '../app-type.js';
import { requireVault } from '../connections.js';
import { auditInput } from '../helpers.js';
import { Count, errorResponses, LIMITS, Text } from '../schemas.js';

const MasterKeyId = Type.String({ pattern: '^mk_[A-Za-z0-9_-]{16}$', maxLength: 19 });
/** The vault's keys and connections grow with the data: no smaller bound than a count's holds. */
const ALL = { maxItems: LIMITS.count };

const VaultStatusSchema = Type.Object({
  source: Type.Union([Type.Literal('file'), Type.Literal('config')], {
    description: '`file`: vault.json in the data directory. `config`: KEYWARD_VAULT_KEYS',
  }),
  active: MasterKeyId,
  keys: Type.Array(
    Type.Object({
      id: MasterKeyId,
      state: Type.Union([Type.Literal('active'), Type.Literal('decrypt-only'), Type.Literal('retired')]),
      records: Count('Connections and webhooks whose data key it wraps'),
    }),
    ALL,
  ),
  pendingRewrap: Count('Connections and webhooks not yet under the active key'),
  rotating: Type.Boolean(),
});

const RotationSchema = Type.Object({
  active: MasterKeyId,
  added: Type.Union([MasterKeyId, Type.Null()], {
    description: 'The key this rotation made (vault.json); null when the keys are configured',
  }),
  rewrapped: Count(),
  failed: Type.Array(
    Type.Object({
      // A connection's, or a webhook's sealed secret.
      id: Type.String({ pattern: '^(con|whk)_[0-9A-Za-z]{22}$', maxLength: LIMITS.id }),
      code: Text(LIMITS.word),
    }),
    { ...ALL, description: 'Connections and webhooks whose secrets did not open and were left as they were' },
  ),
  retired: Type.Array(MasterKeyId, {
    ...ALL,
    description: 'Keys whose material is gone: nothing needs them any more',
  }),
  unused: Type.Array(MasterKeyId, {
    ...ALL,
    description: 'Configured keys that wrap nothing any more: remove them from KEYWARD_VAULT_KEYS',
  }),
});

/** Only a cluster admin sees and rotates the keys that protect every organization's connections. */
function requireClusterAdmin(deps: Deps, callerIsAdmin: boolean): void {
  if (!callerIsAdmin) throw forbidden('Only cluster admins manage the vault');
  requireVault(deps);
}

export default function vaultRoutes(app: App, deps: Deps): void {
  app.get(
    '/v1/vault',
    {
      schema: {
        tags: ['vault'],
        summary: 'The master keys that encrypt connections, and what each still wraps',
        description: 'Ids and counts only: key material never leaves the server. Cluster admins only.',
        response: { 200: VaultStatusSchema, ...errorResponses, 503: Type.Ref('Error') },
      },
    },
    async (request) => {
      requireClusterAdmin(deps, request.caller.clusterAdmin);
      const { source, status } = await deps.vault.status();
      return { source, ...status, rotating: deps.vault.rotating };
    },
  );

  app.post(
    '/v1/vault/rotate',
    {
      schema: {
        tags: ['vault'],
        summary: 'Rotate the master key, without downtime',
        description:
          "With vault.json: a new master key wraps every new connection at once; every connection's data key is rewrapped under it while requests go on (the secrets themselves are not re-encrypted); then the old key is retired, and is no longer needed to start. With KEYWARD_VAULT_KEYS: put the new key first in the list on every process and restart them, then call this to rewrap; the answer lists the keys that can leave the list. Cluster admins only.",
        response: { 200: RotationSchema, ...errorResponses, 503: Type.Ref('Error') },
      },
    },
    async (request) => {
      requireClusterAdmin(deps, request.caller.clusterAdmin);
      try {
        const { status: _status, ...report } = await deps.vault.rotate(auditInput(request, 'vault.rotated'));
        return report;
      } catch (error) {
        // A keyring that cannot be saved: nothing was switched, and the log says why.
        if (error instanceof VaultError) request.log.error({ err: error }, 'vault rotation failed');
        throw error;
      }
    },
  );
}
