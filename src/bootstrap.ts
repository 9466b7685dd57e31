import { hashPassword } from './auth/passwords.js';
import { randomBase62 } from './keys/base62.js';
import { newId } from './keys/ids.js';
import type { Store } from './store/store.js';

export const BOOTSTRAP_USERNAME = 'admin';

/**
 * On an empty store, creates the cluster admin `admin`, with the given password or a generated one.
 * Returns the generated password (to be shown once) or null when none was generated or nothing was done.
 */
export async function bootstrapAdmin(
  store: Store,
  password: string | null,
): Promise<{ created: boolean; generated: string | null }> {
  const existing = await store.listUsers({ limit: 1, after: null });
  if (existing.items.length > 0) return { created: false, generated: null };
  const chosen = password ?? randomBase62(24);
  const at = new Date().toISOString();
  const id = newId('usr');
  // False when another process starting on the same empty database made the admin first.
  if (!(await create(store, id, at, await hashPassword(chosen)))) return { created: false, generated: null };
  return { created: true, generated: password ? null : chosen };
}

function create(store: Store, id: string, at: string, passwordHash: string): Promise<boolean> {
  return store.createUser(
    {
      id,
      username: BOOTSTRAP_USERNAME,
      clusterAdmin: true,
      disabled: false,
      createdAt: at,
      updatedAt: at,
      passwordHash,
    },
    {
      action: 'user.bootstrapped',
      actorId: null,
      orgId: null,
      targetId: id,
      requestId: null,
      ip: null,
      outcome: 'success',
      details: null,
    },
  );
}
