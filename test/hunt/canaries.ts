import type { Auth, TestApp } from '../support/app.js';
import { countValid, type Model, secretOf } from './attacker.js';
import { type HuntWorld, PROVIDER_TOKENS, type ProviderName, sentinelOne } from './world.js';

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

/** Whether a lookup by the key itself with this credential answers the key's record. */
const looksUp =
  (secret: (w: HuntWorld) => string): Probe =>
  async (t, world, auth) =>
    (await t.request('POST', '/v1/apikeys/lookup', { auth, body: { key: secret(world) } })).status === 200;

/**
 * A connection of A's or B's to its own provider, found (or made) by the cluster admin: the attacker may
 * have deleted or moved the world's, and a canary must still have one to try.
 */
async function honestConnection(t: TestApp, world: HuntWorld, name: 'a' | 'b'): Promise<string> {
  const admin = { bearer: world.tokens.admin };
  const org = name === 'a' ? world.orgA : world.orgB;
  const provider = world.providers[name];
  const list = await t.request('GET', `/v1/organizations/${org}/connections?limit=200`, { auth: admin });
  const found = (list.body?.items ?? []).find(
    (c: { config: Record<string, string> }) => c.config.hostname === provider.hostname,
  );
  if (found) return found.id;
  const made = await t.request('POST', `/v1/organizations/${org}/connections`, {
    auth: admin,
    body: sentinelOne(provider, PROVIDER_TOKENS[name]),
  });
  if (made.status !== 201) throw new Error(`the canaries' connection of ${name}: ${made.text}`);
  return made.body.id;
}

const onConnection =
  (name: 'a' | 'b', wanted: number, method: string, path = '', body?: unknown): Probe =>
  async (t, world, auth) => {
    const url = `/v1/connections/${await honestConnection(t, world, name)}${path}`;
    return (await t.request(method, url, { auth, body })).status === wanted;
  };

/**
 * A webhook of B's, found (or made) by the cluster admin: the attacker may have deleted the one made
 * before, and the canary must still have one to try.
 */
async function honestWebhook(t: TestApp, world: HuntWorld): Promise<string> {
  const admin = { bearer: world.tokens.admin };
  const list = await t.request('GET', `/v1/organizations/${world.orgB}/webhooks?limit=1`, { auth: admin });
  const found = list.body?.items?.[0]?.id;
  if (typeof found === 'string') return found;
  const made = await t.request('POST', `/v1/organizations/${world.orgB}/webhooks`, {
    auth: admin,
    body: { url: 'https://hooks.example.com/canary' },
  });
  if (made.status !== 201) throw new Error(`the canaries' webhook of B: ${made.text}`);
  return made.body.id;
}

/**
 * Whether this credential lifts a disablement made by a higher rank (§4a: "a disablement by an admin can
 * only be lifted by someone who could have made it"): a key of bob's, made and disabled afresh by the
 * cluster admin, so that nothing the sequence did to the world's keys decides the answer. The disabler
 * is the cluster admin's token, or an unowned admin key of A's that the cluster admin makes for it. Where
 * the sequence left A without bob (a member removed), there is no key of his to make, and the canary is
 * not tried.
 */
const liftsDisablement =
  (by: 'organization' | 'cluster'): Probe =>
  async (t, world, auth) => {
    const admin = { bearer: world.tokens.admin };
    const make = async (body: Record<string, unknown>) => {
      const reply = await t.request('POST', `/v1/organizations/${world.orgA}/apikeys`, {
        auth: admin,
        body: { name: `canary-${++serial}`, ...body },
      });
      return reply.status === 201
        ? { id: reply.body.id as string, secret: reply.body.apiKey as string }
        : null;
    };
    const target = await make({ role: 'member', ownerId: world.users.bob });
    const orgAdmin = by === 'organization' ? await make({ role: 'admin' }) : null;
    if (!target || (by === 'organization' && !orgAdmin)) return false;
    const disabler = orgAdmin ? { key: orgAdmin.secret } : admin;
    const url = `/v1/apikeys/${target.id}`;
    const disabled = await t.request('PATCH', url, { auth: disabler, body: { enabled: false } });
    if (disabled.status !== 200) throw new Error(`the canary could not disable its key: ${disabled.text}`);
    // Disabling it again first, as its owner may: that must not lower whom the enable needs.
    await t.request('PATCH', url, { auth, body: { enabled: false } });
    return (await t.request('PATCH', url, { auth, body: { enabled: true } })).status === 200;
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
  "walk A's audit chain": status(200, 'GET', (w) => `/v1/audit/verify?orgId=${w.orgA}`),
  "hear organization B's key events": status(200, 'GET', (w) => `/v1/events?orgId=${w.orgB}`),
  // Without orgId a key walks its own organization's chain: only the whole log's counts here.
  "walk the whole audit log's chain": async (t, _world, auth) => {
    const reply = await t.request('GET', '/v1/audit/verify', { auth });
    return reply.status === 200 && reply.body.chain === 'log';
  },
  'rename organization A': status(200, 'PATCH', (w) => `/v1/organizations/${w.orgA}`, { name: 'Acme' }),
  "see the cluster admin's key in A": async (t, world, auth) => {
    const reply = await t.request('GET', `/v1/organizations/${world.orgA}/apikeys?limit=100`, { auth });
    return reply.status === 200 && reply.body.items.some((k: { id: string }) => k.id === world.keys.admin.id);
  },
  "see bob's key in verify": sees((w) => w.keys.bob.secret),
  "look up organization B's key by the key itself": looksUp((w) => w.keys.carol.secret),
  "look up the cluster admin's key by the key itself": looksUp((w) => w.keys.admin.secret),
  "list A's connections": status(200, 'GET', (w) => `/v1/organizations/${w.orgA}/connections`),
  'connect a provider in A': async (t, world, auth) =>
    (
      await t.request('POST', `/v1/organizations/${world.orgA}/connections`, {
        auth,
        body: sentinelOne(world.providers.attacker, PROVIDER_TOKENS.attacker),
      })
    ).status === 201,
  "check A's connection": onConnection('a', 200, 'POST', '/check'),
  "use A's connection through the proxy": onConnection('a', 200, 'GET', '/proxy/web/api/v2.1/agents'),
  "read B's connection": onConnection('b', 200, 'GET'),
  "use B's connection through the proxy": onConnection('b', 200, 'GET', '/proxy/web/api/v2.1/agents'),
  'see the vault': status(200, 'GET', () => '/v1/vault'),
  'create a webhook in organization B': status(201, 'POST', (w) => `/v1/organizations/${w.orgB}/webhooks`, {
    url: 'https://hooks.example.com/attacker',
  }),
  "list B's webhook deliveries": async (t, world, auth) =>
    (await t.request('GET', `/v1/webhooks/${await honestWebhook(t, world)}/deliveries`, { auth })).status ===
    200,
  'make a connect link in A': status(201, 'POST', (w) => `/v1/organizations/${w.orgA}/connect-sessions`, {
    providers: ['sentinelone'],
  }),
  "enable bob's key that an admin of A disabled": liftsDisablement('organization'),
  "enable bob's key that the cluster admin disabled": liftsDisablement('cluster'),
};

/** How many requests each provider had received: where a run's deliveries start. */
export const deliveries = (world: HuntWorld): Record<ProviderName, number> => ({
  a: world.providers.a.requests.length,
  b: world.providers.b.requests.length,
  attacker: world.providers.attacker.requests.length,
});

/**
 * Every stored token (A's, B's) that reached a provider other than its own since `since`: a connection
 * moved to the attacker's host and then checked or used, or a check sent before the move was refused.
 */
export function misdelivered(world: HuntWorld, since: Record<ProviderName, number>): string[] {
  const found: string[] = [];
  for (const [at, provider] of Object.entries(world.providers) as [
    ProviderName,
    HuntWorld['providers']['a'],
  ][]) {
    for (const request of provider.requests.slice(since[at])) {
      const seen = `${request.path}\n${JSON.stringify(request.headers)}\n${request.body.toString('latin1')}`;
      for (const stored of ['a', 'b'] as const) {
        if (stored !== at && seen.includes(PROVIDER_TOKENS[stored]))
          found.push(
            `the stored token of ${stored.toUpperCase()}'s connection reached the ${at} provider (${request.method} ${request.path})`,
          );
      }
    }
  }
  return found;
}

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
