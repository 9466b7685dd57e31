import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import type { RefreshToken } from '../store/types.js';
import { ConsoleSessions } from './sessions.js';

/** The three refresh-token calls a console session makes, over a map. */
function tokenStore(): Store {
  const rows = new Map<string, RefreshToken>();
  return {
    createRefreshToken: async (row: RefreshToken) => void rows.set(row.hash, row),
    findRefreshToken: async (hash: string) => rows.get(hash) ?? null,
    revokeRefreshFamily: async (familyId: string, at: string) => {
      for (const row of rows.values()) if (row.familyId === familyId) row.revokedAt = at;
    },
  } as unknown as Store;
}

describe('ConsoleSessions', () => {
  it('finds an open session by its token until it is closed or expires', async () => {
    const sessions = new ConsoleSessions(Buffer.alloc(32, 1), tokenStore(), 60);
    const { token, session } = await sessions.open('usr_a', 0);
    expect(token).toMatch(/^kwr_[0-9A-Za-z]{43}$/);
    expect(await sessions.find(token, 59_999)).toEqual(session);
    expect(await sessions.find(token, 60_000)).toBeNull();
    expect(await sessions.find(`${token}x`, 0)).toBeNull();
    await sessions.close(session, 1);
    expect(await sessions.find(token, 2)).toBeNull();
  });

  it("binds a CSRF token to one session and one server's secret", async () => {
    const store = tokenStore();
    const sessions = new ConsoleSessions(Buffer.alloc(32, 1), store, 60);
    const a = (await sessions.open('usr_a', 0)).session;
    const b = (await sessions.open('usr_a', 0)).session;
    const csrf = sessions.csrfToken(a);
    expect(sessions.csrfMatches(a, csrf)).toBe(true);
    expect(sessions.csrfMatches(b, csrf)).toBe(false);
    expect(sessions.csrfMatches(a, undefined)).toBe(false);
    expect(sessions.csrfMatches(a, csrf.slice(1))).toBe(false);
    expect(sessions.csrfMatches(a, `${csrf}=`)).toBe(false);
    const elsewhere = new ConsoleSessions(Buffer.alloc(32, 2), store, 60);
    expect(elsewhere.csrfMatches(a, csrf)).toBe(false);
  });
});
