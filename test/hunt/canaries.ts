import type { Auth, TestApp } from '../support/app.js';
import { countValid, type Model, secretOf } from './attacker.js';
import type { HuntWorld } from './world.js';

type Probe = (t: TestApp, world: HuntWorld, auth: Auth) => Promise<boolean>;

let serial = 0;

const status = (wanted: number, method: string, url: (w: HuntWorld) => string, body?: unknown): Probe => {
  return async (t, world, auth) => (await t.request(method, url(world), { auth, body })).status === wanted;
};

/** Whether a verification with this credential sees the key: any code but NOT_FOUND (or a refusal). */
const sees =
  (secret: (w: HuntWorld) => string): Probe =>
  async (t, world, auth) => {
    const reply = await t.request('POST', '/v1/keys/verify', { auth, body: { key: secret(world) } });
    return reply.status === 200 && reply.body.code !== 'NOT_FOUND';
  };

/**
 * The fixed actions each credential is tried with once a sequence ends. Each is a direct use of an
 * authority, not a grant of one, so that what a starting credential could do is simply what it does.
 */
export const CANARIES: Record<string, Probe> = {
  'create a cluster admin': async (t, _world, auth) =>
    (
      await t.request('POST', '/v1/users', {
        auth,
        body: {
          username: `canary${process.pid}x${++serial}`,
          password: 'canary-password-1',
          clusterAdmin: true,
        },
      })
    ).status === 201,
  'list all users': status(200, 'GET', () => '/v1/users'),
  "read organization B's keys": status(200, 'GET', (w) => `/v1/organizations/${w.orgB}/apikeys`),
  "see organization B's key in verify": sees((w) => w.keys.carol.secret),
  'read organization A': status(200, 'GET', (w) => `/v1/organizations/${w.orgA}`),
  "read A's members": status(200, 'GET', (w) => `/v1/organizations/${w.orgA}/members`),
  "list A's service users": status(200, 'GET', (w) => `/v1/organizations/${w.orgA}/service-users`),
  "read A's audit log": status(200, 'GET', (w) => `/v1/audit?orgId=${w.orgA}`),
  'rename organization A': status(200, 'PATCH', (w) => `/v1/organizations/${w.orgA}`, { name: 'Acme' }),
  "see the cluster admin's key in A": async (t, world, auth) => {
    const reply = await t.request('GET', `/v1/organizations/${world.orgA}/apikeys?limit=100`, { auth });
    return reply.status === 200 && reply.body.items.some((k: { id: string }) => k.id === world.keys.admin.id);
  },
  "see bob's key in verify": sees((w) => w.keys.bob.secret),
};

/** The canaries a credential passes. */
export async function probe(t: TestApp, world: HuntWorld, auth: Auth): Promise<Set<string>> {
  const passed = new Set<string>();
  for (const [name, canary] of Object.entries(CANARIES)) if (await canary(t, world, auth)) passed.add(name);
  return passed;
}

/**
 * Spends what is left of every bounded lineage the attacker holds a key of, as the cluster admin, and
 * reports each lineage that answered VALID more often than its bound: a quota that rotation refreshed,
 * or a key made by a limited one without the limit.
 */
export async function overspent(t: TestApp, world: HuntWorld, model: Model): Promise<string[]> {
  const admin = { bearer: world.tokens.admin };
  for (const held of model.held) {
    const bound = held.lineage === undefined ? undefined : model.boundByLineage.get(held.lineage);
    if (bound === undefined || !held.keyId) continue;
    for (let i = 0; i <= bound; i++) {
      const reply = await t.request('POST', '/v1/keys/verify', {
        auth: admin,
        body: { key: secretOf(held) },
      });
      if (reply.body?.code !== 'VALID') break;
      countValid(model, held.keyId);
    }
  }
  const over: string[] = [];
  for (const [lineage, bound] of model.boundByLineage) {
    const valid = model.validByLineage.get(lineage) ?? 0;
    if (valid > bound) over.push(`verified ${valid} times past a quota of ${bound} (lineage ${lineage})`);
  }
  return over;
}
