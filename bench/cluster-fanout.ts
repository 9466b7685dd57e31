import { performance } from 'node:perf_hooks';
import { call, readCounters } from './api.js';
import type { ChannelListener } from './cluster-pg.js';
import type { Servers } from './cluster-servers.js';
import type { IssuedKey } from './world.js';

/** Longer than this, a revocation has not reached a process: the trial fails rather than waits. */
const GIVE_UP_MS = 5_000;

/** Who asks: the verifier's key for verify, an admin key for the revocations. */
export interface Callers {
  verifier: string;
  admin: string;
}

async function codeOf(url: string, callers: Callers, key: string): Promise<string> {
  const answer = await call(url, 'POST', '/v1/keys/verify', {
    auth: { key: callers.verifier },
    body: { key },
    expect: 200,
  });
  return answer.code as string;
}

/** Verifies `key` on every server until it is cached there: VALID, or the trial cannot start. */
async function cacheEverywhere(servers: Servers, callers: Callers, key: string): Promise<void> {
  for (const server of servers.list) {
    const code = await codeOf(server.url, callers, key);
    if (code !== 'VALID') throw new Error(`a fresh key answered ${code} before its revocation`);
  }
}

/** One revocation: how long until each process answers REVOKED, and what the channel carried. */
export interface Trial {
  /** From the DELETE sent to each process's first REVOKED, in ms; the first process made the change. */
  perProcessMs: number[];
  slowestMs: number;
  /** From the DELETE sent to its answer: the commit, on the process that made it. */
  deleteMs: number;
  /** From the DELETE sent to the bench's own LISTEN hearing the change. */
  heardMs: number;
  notifications: number;
  bytes: number;
}

/**
 * Revokes `key` through the first server (DELETE /v1/apikeys/{id}, an admin key) once every server has it
 * cached, and polls verify on every server, back to back, until each answers REVOKED.
 */
export async function revocationTrial(
  servers: Servers,
  callers: Callers,
  key: IssuedKey,
  listener: ChannelListener,
): Promise<Trial> {
  await cacheEverywhere(servers, callers, key.apiKey);
  const origin = servers.list[0];
  if (!origin) throw new Error('no servers');
  const sent = performance.now();
  let deleteMs = Number.NaN;
  const deleting = call(origin.url, 'DELETE', `/v1/apikeys/${key.id}`, { auth: { key: callers.admin } }).then(
    () => {
      deleteMs = performance.now() - sent;
    },
  );
  const perProcessMs = await Promise.all(
    servers.list.map(async (server) => {
      for (;;) {
        const code = await codeOf(server.url, callers, key.apiKey);
        const elapsed = performance.now() - sent;
        if (code === 'REVOKED') return elapsed;
        if (code !== 'VALID') throw new Error(`a key being revoked answered ${code}`);
        if (elapsed > GIVE_UP_MS)
          throw new Error(`a revocation had not reached ${server.url} in ${GIVE_UP_MS} ms`);
      }
    }),
  );
  await deleting;
  // The bench's LISTEN hears the change as the servers do; give it the time a slow process took, and more.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const heard = listener.since(sent);
  return {
    perProcessMs,
    slowestMs: Math.max(...perProcessMs),
    deleteMs,
    heardMs: heard[0] ? (heard[0].at as number) - sent : Number.NaN,
    notifications: heard.length,
    bytes: heard.reduce((total, h) => total + h.bytes, 0),
  };
}

/** A burst of revocations made at once on one process, and what it cost. */
export interface Burst {
  keys: number;
  /** From the first DELETE sent to the last answered. */
  committedMs: number;
  /** From the first DELETE sent to the bench's LISTEN hearing the last change. */
  lastHeardMs: number;
  notifications: number;
  bytes: number;
  /** Statements the first process ran during the burst (it made the changes), per revocation. */
  originQueriesPerRevocation: number;
  /** Statements the other processes ran while hearing the burst, all of them together. */
  otherQueries: number;
  /** Answers other than REVOKED from the other processes, asked about every key a second after the last commit. */
  stillValid: number;
}

/**
 * Revokes `keys` at once through the first server, every one cached on every server beforehand, then
 * checks that every server answers REVOKED for every one of them.
 */
export async function revocationBurst(
  servers: Servers,
  callers: Callers,
  keys: IssuedKey[],
  listener: ChannelListener,
): Promise<Burst> {
  const [origin, ...others] = servers.list;
  if (!origin) throw new Error('no servers');
  for (let i = 0; i < keys.length; i += 20)
    await Promise.all(keys.slice(i, i + 20).map((key) => cacheEverywhere(servers, callers, key.apiKey)));
  // The caching verifications' lastUsedAt is written by the next flush: let it pass before counting.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  const before = await Promise.all(servers.list.map((server) => readCounters(server.url)));
  const sent = performance.now();
  await Promise.all(
    keys.map((key) => call(origin.url, 'DELETE', `/v1/apikeys/${key.id}`, { auth: { key: callers.admin } })),
  );
  const committedMs = performance.now() - sent;
  while (listener.since(sent).length < keys.length && performance.now() - sent < GIVE_UP_MS)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const heard = listener.since(sent);
  const after = await Promise.all(servers.list.map((server) => readCounters(server.url)));
  const queries = after.map((a, i) => a.storeQueries - (before[i]?.storeQueries ?? 0));
  // PRODUCT.md §7's bound: a second after the changes were made, no process may still answer VALID.
  const bound = committedMs + 1_000 - (performance.now() - sent);
  if (bound > 0) await new Promise((resolve) => setTimeout(resolve, bound));
  let stillValid = 0;
  for (const server of others.length ? others : [origin]) {
    for (const key of keys) if ((await codeOf(server.url, callers, key.apiKey)) !== 'REVOKED') stillValid++;
  }
  return {
    keys: keys.length,
    committedMs,
    lastHeardMs: heard.length ? (heard[heard.length - 1] as { at: number }).at - sent : Number.NaN,
    notifications: heard.length,
    bytes: heard.reduce((total, h) => total + h.bytes, 0),
    originQueriesPerRevocation: (queries[0] ?? 0) / keys.length,
    otherQueries: queries.slice(1).reduce((total, n) => total + n, 0),
    stillValid,
  };
}
