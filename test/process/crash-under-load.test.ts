import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rememberSecret, rememberSecretsIn } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';

// PRODUCT.md §11: a crash never loses an acknowledged write. Writers create, revoke and rotate keys
// while the server is killed with SIGKILL at a random moment, again and again; after each restart every
// write that was answered 2xx is there. Bounded: 20 crashes, a few hundred writes in all.

const env = { KEYWARD_ADMIN_PASSWORD: 'crash-admin-password' };
rememberSecret(env.KEYWARD_ADMIN_PASSWORD);
const CRASHES = 20;
const WRITERS = 4;

afterAll(cleanupServe);

/** What the writers were told was done, by key id. */
interface Acknowledged {
  /** Keys whose creation (or rotation's new key) was answered 201, with their secrets. */
  created: Map<string, string>;
  /** Keys that an answered revocation (`REVOKED`) or rotation without grace (`EXPIRED`) ended. */
  ended: Map<string, 'REVOKED' | 'EXPIRED'>;
  /** Keys whose revocation or rotation was sent, answered or not: they may be revoked either way. */
  attempted: Set<string>;
}

/** A random whole number below `n`. */
function random(n: number): number {
  return Math.floor(Math.random() * n);
}

/**
 * One writer: creates keys, revokes some it made, rotates others, until a request fails (the server is
 * gone). Only answers that arrived in full count as acknowledged.
 */
async function writer(server: Serve, auth: { bearer: string }, orgId: string, ack: Acknowledged) {
  for (let i = 0; ; i++) {
    const live = [...ack.created.keys()].filter((id) => !ack.ended.has(id) && !ack.attempted.has(id));
    const choice = live.length < 3 ? 0 : random(3);
    try {
      if (choice === 0) {
        const made = await server.request('POST', `/v1/organizations/${orgId}/apikeys`, {
          auth,
          body: { name: `load-${i}`, role: 'member' },
        });
        if (made.status !== 201) throw new Error(`create answered ${made.status}: ${made.text}`);
        rememberSecretsIn(made.body);
        ack.created.set(made.body.id, made.body.apiKey);
      } else {
        const id = live[random(live.length)] as string;
        ack.attempted.add(id);
        if (choice === 1) {
          const revoked = await server.request('DELETE', `/v1/apikeys/${id}`, { auth });
          if (revoked.status === 200) ack.ended.set(id, 'REVOKED');
        } else {
          const rotated = await server.request('POST', `/v1/apikeys/${id}/rotate`, {
            auth,
            body: { gracePeriod: 0 },
          });
          if (rotated.status === 201) {
            rememberSecretsIn(rotated.body);
            ack.created.set(rotated.body.id, rotated.body.apiKey);
            // A rotation without grace ends the old key at once: it must stay ended.
            ack.ended.set(id, 'EXPIRED');
          }
        }
      }
    } catch {
      // The server died under this request: its outcome is unknown, and the writer stops.
      return;
    }
  }
}

describe('kill -9 under a writer load (PRODUCT.md §11)', () => {
  it(`keeps every acknowledged creation, revocation and rotation across ${CRASHES} crashes`, async () => {
    const dataDir = join(tempDir(), 'data');
    let server = await startServe(dataDir, { env });
    const auth = { bearer: await server.signIn('admin', env.KEYWARD_ADMIN_PASSWORD) };
    const org = await server.request('POST', '/v1/organizations', {
      auth,
      body: { name: 'Crash', keyPrefix: 'crash' },
    });
    expect(org.status).toBe(201);
    const ack: Acknowledged = { created: new Map(), ended: new Map(), attempted: new Set() };
    const lost: string[] = [];
    let checked = 0;

    for (let crash = 1; crash <= CRASHES; crash++) {
      const writers = Array.from({ length: WRITERS }, () => writer(server, auth, org.body.id, ack));
      // A random moment in the load: a request is in flight on almost every one of them.
      await new Promise((resolve) => setTimeout(resolve, 50 + random(400)));
      expect(await server.kill9()).toEqual({ code: null, signal: 'SIGKILL' });
      await Promise.all(writers);

      server = await startServe(dataDir, { env });
      const fresh = { bearer: await server.signIn('admin', env.KEYWARD_ADMIN_PASSWORD) };
      for (const [id, secret] of ack.created) {
        const verified = await server.request('POST', '/v1/keys/verify', {
          auth: fresh,
          body: { key: secret },
        });
        const expected = ack.ended.get(id) ?? 'VALID';
        checked++;
        // A key whose revocation or rotation was sent but not answered may have ended all the same.
        const unknown = expected === 'VALID' && ack.attempted.has(id) && verified.body.code !== 'NOT_FOUND';
        if (verified.body.code !== expected && !unknown)
          lost.push(`crash ${crash}: ${id} verified ${verified.body.code}, not ${expected}`);
      }
      Object.assign(auth, fresh);
    }
    console.log(
      `kill -9 under a writer load: ${CRASHES} cycles; ${ack.created.size} creations and ${ack.ended.size} ` +
        `revocations, rotations and expiries acknowledged; ${checked} checks of them after the restarts; ` +
        `${lost.length} lost`,
    );
    expect(lost).toEqual([]);
    // The load really ran: many writes were acknowledged between the crashes.
    expect(ack.created.size).toBeGreaterThan(CRASHES * 2);
    expect([...ack.ended.values()]).toContain('REVOKED');
    expect([...ack.ended.values()]).toContain('EXPIRED');
    expect(ack.ended.size).toBeGreaterThan(CRASHES / 2);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  }, 600_000);
});
