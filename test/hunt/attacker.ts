import fc from 'fast-check';
import { generateKey } from '../../src/keys/format.js';
import type { Auth, Reply, TestApp } from '../support/app.js';
import { type HuntWorld, PROVIDER_TOKENS, QUOTA, type Starting, sentinelOne } from './world.js';

/** A credential the attacker holds: a starting one, or one an answer handed it. */
export interface Held {
  label: string;
  auth: Auth & object;
  /** The key's id and its rotation lineage's first key, for keys. */
  keyId?: string;
  lineage?: string;
}

/**
 * What the attacker knows and holds. It starts with a few credentials and every id in the cluster
 * (ids are not secrets), and keeps every secret an answer hands it.
 */
export interface Model {
  held: Held[];
  orgs: string[];
  users: string[];
  services: string[];
  keyIds: string[];
  /** Connections, A's and B's first, then those the attacker made. */
  connections: string[];
  /** Connect links the attacker made: each token, and who made it for which organization. */
  links: { id: string; token: string; org: string; maker: Held }[];
  /** Passwords the attacker has set or learned, by username. */
  passwords: Map<string, string>;
  /** Users whose account the attacker holds only through an access token it was given. */
  tokenOnly: Set<string>;
  lineageOf: Map<string, string>;
  /** VALID answers about keys of each lineage, counted as they come. */
  validByLineage: Map<string, number>;
  /** The most VALID answers each lineage may get: its quota, or that of the credential that made it. */
  boundByLineage: Map<string, number>;
  /** Escalations the model sees directly, rather than through a canary. */
  findings: string[];
}

export interface Real {
  t: TestApp;
  world: HuntWorld;
  /** Requests sent, and how many of them the server carried out (2xx): how much state a hunt explored. */
  tally: { sent: number; done: number };
}

export function startingModel(world: HuntWorld, start: readonly Starting[]): Model {
  const all: Record<Starting, Held> = {
    patToken: { label: 'patToken', auth: { bearer: world.tokens.pat } },
    bobToken: { label: 'bobToken', auth: { bearer: world.tokens.bob } },
    aliceKey: {
      label: 'aliceKey',
      auth: { key: world.keys.alice.secret },
      keyId: world.keys.alice.id,
      lineage: world.keys.alice.id,
    },
    scopedKey: {
      label: 'scopedKey',
      auth: { xApiKey: world.keys.scoped.secret },
      keyId: world.keys.scoped.id,
      lineage: world.keys.scoped.id,
    },
    ciKey: {
      label: 'ciKey',
      auth: { bearer: world.keys.ci.secret },
      keyId: world.keys.ci.id,
      lineage: world.keys.ci.id,
    },
    connKey: {
      label: 'connKey',
      auth: { key: world.keys.conn.secret },
      keyId: world.keys.conn.id,
      lineage: world.keys.conn.id,
    },
  };
  const tokenOnly = new Set<string>();
  if (start.includes('patToken')) tokenOnly.add('pat');
  if (start.includes('bobToken')) tokenOnly.add('bob');
  return {
    held: start.map((name) => all[name]),
    orgs: [world.orgA, world.orgB],
    users: Object.values(world.users),
    services: Object.values(world.services),
    keyIds: Object.values(world.keys).map((k) => k.id),
    connections: [world.connections.a, world.connections.b],
    links: [],
    passwords: new Map(),
    tokenOnly,
    lineageOf: new Map(Object.values(world.keys).map((k) => [k.id, k.id])),
    validByLineage: new Map(),
    boundByLineage: new Map([[world.keys.ci.id, QUOTA]]),
    findings: [],
  };
}

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

const SCOPES = [
  null,
  [],
  ['apikeys:write'],
  ['apikeys:*'],
  ['*'],
  ['apikeys:write', 'serviceusers:write'],
  ['members:write', 'apikeys:write'],
  ['documents:read'],
  ['keys:verify'],
  ['connections:read'],
  ['connections:use'],
  ['connections:write'],
  ['connections:*'],
  ['connections:read', 'apikeys:write'],
] as const;
const TTLS = [null, 60, 7200, 400 * 86_400] as const;
const LIMITS = [null, { limit: 1, duration: 60_000 }, { limit: 1_000_000, duration: 1000 }] as const;
const QUOTAS = [null, { remaining: 1 }, { remaining: 3 }, { remaining: 1_000_000 }] as const;
const ROLES = ['admin', 'member'] as const;

/** One attempt by the attacker; numbers index the pools of the model, wrapped to their length. */
export type Operation =
  | { op: 'createOrg'; by: number }
  | { op: 'addMember'; by: number; org: number; user: number; role: number }
  | { op: 'updateMember'; by: number; org: number; user: number; role: number }
  | { op: 'removeMember'; by: number; org: number; user: number }
  | { op: 'createService'; by: number; org: number; role: number; expires: boolean }
  | { op: 'updateService'; by: number; org: number; service: number; role: number; expires: number }
  | {
      op: 'createKey';
      by: number;
      org: number;
      owner: number;
      role: number;
      scopes: number;
      ttl: number;
      limit: number;
      quota: number;
      supplied: boolean;
    }
  | { op: 'importKey'; by: number; org: number; owner: number; role: number; scopes: number; ttl: number }
  | { op: 'rotateKey'; by: number; key: number; grace: number }
  | { op: 'enableKey'; by: number; key: number; enabled: boolean }
  | { op: 'rescopeKey'; by: number; key: number; scopes: number }
  | { op: 'revokeKey'; by: number; key: number }
  | { op: 'verify'; by: number; presented: number }
  | { op: 'lookupKey'; by: number; presented: number }
  | { op: 'createUser'; by: number; clusterAdmin: boolean }
  | { op: 'setPassword'; by: number; user: number; withCurrent: boolean }
  | { op: 'enableUser'; by: number; user: number; disabled: boolean }
  | { op: 'signIn'; user: number }
  | { op: 'createConnection'; by: number; org: number; target: number; token: number }
  | { op: 'updateConnection'; by: number; connection: number; change: number }
  | { op: 'checkConnection'; by: number; connection: number }
  | { op: 'proxy'; by: number; connection: number; method: number }
  | { op: 'deleteConnection'; by: number; connection: number }
  | { op: 'createLink'; by: number; org: number }
  | { op: 'connectLink'; link: number; target: number; token: number }
  | { op: 'deleteLink'; by: number; link: number };

const n = fc.nat(50);
const b = fc.boolean();
const OPERATIONS: fc.Arbitrary<Operation>[] = [
  fc.record({ op: fc.constant('createOrg' as const), by: n }),
  fc.record({ op: fc.constant('addMember' as const), by: n, org: n, user: n, role: n }),
  fc.record({ op: fc.constant('updateMember' as const), by: n, org: n, user: n, role: n }),
  fc.record({ op: fc.constant('removeMember' as const), by: n, org: n, user: n }),
  fc.record({ op: fc.constant('createService' as const), by: n, org: n, role: n, expires: b }),
  fc.record({ op: fc.constant('updateService' as const), by: n, org: n, service: n, role: n, expires: n }),
  fc.record({
    op: fc.constant('createKey' as const),
    by: n,
    org: n,
    owner: n,
    role: n,
    scopes: n,
    ttl: n,
    limit: n,
    quota: n,
    supplied: b,
  }),
  fc.record({ op: fc.constant('importKey' as const), by: n, org: n, owner: n, role: n, scopes: n, ttl: n }),
  fc.record({ op: fc.constant('rotateKey' as const), by: n, key: n, grace: n }),
  fc.record({ op: fc.constant('enableKey' as const), by: n, key: n, enabled: b }),
  fc.record({ op: fc.constant('rescopeKey' as const), by: n, key: n, scopes: n }),
  fc.record({ op: fc.constant('revokeKey' as const), by: n, key: n }),
  fc.record({ op: fc.constant('verify' as const), by: n, presented: n }),
  fc.record({ op: fc.constant('lookupKey' as const), by: n, presented: n }),
  fc.record({ op: fc.constant('createUser' as const), by: n, clusterAdmin: b }),
  fc.record({ op: fc.constant('setPassword' as const), by: n, user: n, withCurrent: b }),
  fc.record({ op: fc.constant('enableUser' as const), by: n, user: n, disabled: b }),
  fc.record({ op: fc.constant('signIn' as const), user: n }),
  fc.record({ op: fc.constant('createConnection' as const), by: n, org: n, target: n, token: n }),
  fc.record({ op: fc.constant('updateConnection' as const), by: n, connection: n, change: n }),
  fc.record({ op: fc.constant('checkConnection' as const), by: n, connection: n }),
  fc.record({ op: fc.constant('proxy' as const), by: n, connection: n, method: n }),
  fc.record({ op: fc.constant('deleteConnection' as const), by: n, connection: n }),
  fc.record({ op: fc.constant('createLink' as const), by: n, org: n }),
  fc.record({ op: fc.constant('connectLink' as const), link: n, target: n, token: n }),
  fc.record({ op: fc.constant('deleteLink' as const), by: n, link: n }),
];

/** Where the attacker points a connection: A's honest provider, or its own. */
const TARGETS = ['a', 'attacker'] as const;
/** Credentials the attacker can offer: its own provider's token, or a guess at another. */
const OFFERED = [PROVIDER_TOKENS.attacker, 'S1-a-guess-at-a-stored-token-0123456'] as const;
/**
 * The changes the attacker tries on a connection, by index (regressions.ts names them): a new name;
 * its own host without credentials, which must never carry the stored secret there (the server answers
 * 400); its own host with its own token; new credentials alone; and A's host without credentials,
 * which leaves a connection of A's as it is and must not bring one of the attacker's back to A.
 */
export const CHANGES = ['rename', 'toAttacker', 'toAttackerWithToken', 'credentials', 'toA'] as const;
const PROXIED = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

let serial = 0;
const unique = () => `h${process.pid.toString(36)}${(++serial).toString(36)}`;

/** One step of a sequence: performs its operation with the credential it names, and keeps what it gets. */
class Step implements fc.AsyncCommand<Model, Real> {
  constructor(readonly operation: Operation) {}
  check(): boolean {
    return true;
  }
  async run(model: Model, real: Real): Promise<void> {
    await perform(this.operation, model, real);
  }
  toString(): string {
    return JSON.stringify(this.operation);
  }
}

export const sequences = (maxCommands: number) =>
  fc.commands(
    OPERATIONS.map((arb) => arb.map((operation) => new Step(operation))),
    // Larger than fast-check's default size, which keeps most sequences to a handful of steps.
    { maxCommands, size: 'large' },
  );

/** A sequence written out, for a regression case: the steps a hunt once found, in order. */
export function steps(operations: Operation[]): Iterable<fc.AsyncCommand<Model, Real>> {
  return operations.map((operation) => new Step(operation));
}

function keep(model: Model, held: Held): void {
  model.held.push(held);
}

/** Keeps a key an answer handed over; a key made by a credential with a quota is held to that quota. */
function keepKey(model: Model, id: string, secret: string, by: Held | undefined, lineage = id): void {
  model.keyIds.push(id);
  model.lineageOf.set(id, lineage);
  // The tighter of the lineage's own bound and its maker's, when either has one.
  const bounds = [lineage, by?.lineage].flatMap((name) => {
    const bound = name === undefined ? undefined : model.boundByLineage.get(name);
    return bound === undefined ? [] : [bound];
  });
  if (bounds.length > 0) model.boundByLineage.set(lineage, Math.min(...bounds));
  const label = `${lineage === id ? 'key' : 'rotated'}<-${by?.label ?? '?'}`;
  keep(model, { label, auth: { key: secret }, keyId: id, lineage });
}

function keepCreated(model: Model, reply: Reply, by: Held | undefined, lineage?: string): void {
  if (reply.status === 201 && typeof reply.body?.apiKey === 'string')
    keepKey(model, reply.body.id, reply.body.apiKey, by, lineage);
}

async function signInAs(model: Model, t: TestApp, username: string, password: string): Promise<void> {
  const basic = Buffer.from(`${username}:${password}`).toString('base64');
  const reply = await t.request('POST', '/v1/auth/token', { headers: { authorization: `Basic ${basic}` } });
  if (reply.status !== 200) return;
  if (model.tokenOnly.has(username)) {
    model.findings.push(`took over ${username}'s account, of which it held only an access token`);
  }
  keep(model, { label: `token:${username}`, auth: { bearer: reply.body.accessToken } });
}

async function perform(o: Operation, model: Model, { t, world, tally }: Real): Promise<void> {
  const by = 'by' in o ? pick(model.held, o.by) : undefined;
  const auth = by?.auth ?? null;
  const send: Send = async (method, url, body) => {
    const reply = await t.request(method, url, { auth, body });
    tally.sent++;
    if (reply.status < 300) tally.done++;
    for (const name of ['a', 'b'] as const) {
      if (reply.text.includes(PROVIDER_TOKENS[name]))
        model.findings.push(
          `${method} ${url} answered the stored token of ${name.toUpperCase()}'s connection`,
        );
    }
    return reply;
  };
  switch (o.op) {
    case 'createConnection':
    case 'updateConnection':
    case 'checkConnection':
    case 'proxy':
    case 'deleteConnection':
      return connectionStep(o, model, world, send);
    case 'createLink':
    case 'connectLink':
    case 'deleteLink':
      return linkStep(o, model, { t, world, tally }, send, by);
    case 'createOrg': {
      const reply = await send('POST', '/v1/organizations', { name: 'Mine', keyPrefix: 'mine' });
      if (reply.status === 201) model.orgs.push(reply.body.id);
      return;
    }
    case 'addMember':
    case 'updateMember': {
      const org = pick(model.orgs, o.org);
      const user = pick(model.users, o.user);
      const role = pick(ROLES, o.role);
      if (o.op === 'addMember')
        await send('POST', `/v1/organizations/${org}/members`, { userId: user, role });
      else await send('PATCH', `/v1/organizations/${org}/members/${user}`, { role });
      return;
    }
    case 'removeMember':
      await send(
        'DELETE',
        `/v1/organizations/${pick(model.orgs, o.org)}/members/${pick(model.users, o.user)}`,
      );
      return;
    case 'createService': {
      const body: Record<string, unknown> = { name: `svc-${unique()}`, role: pick(ROLES, o.role) };
      if (o.expires) body.expiresAt = new Date(t.deps.clock() + 7200_000).toISOString();
      const reply = await send('POST', `/v1/organizations/${pick(model.orgs, o.org)}/service-users`, body);
      if (reply.status === 201) model.services.push(reply.body.id);
      return;
    }
    case 'updateService': {
      const expires = [undefined, null, new Date(t.deps.clock() + 7200_000).toISOString()][o.expires % 3];
      const body: Record<string, unknown> = { role: pick(ROLES, o.role) };
      if (expires !== undefined) body.expiresAt = expires;
      const org = pick(model.orgs, o.org);
      await send('PATCH', `/v1/organizations/${org}/service-users/${pick(model.services, o.service)}`, body);
      return;
    }
    case 'createKey': {
      const org = pick(model.orgs, o.org);
      const owners = [undefined, ...model.users, ...model.services];
      const body: Record<string, unknown> = { name: 'x', role: pick(ROLES, o.role) };
      const owner = pick(owners, o.owner);
      if (owner) body.ownerId = owner;
      const scopes = pick(SCOPES, o.scopes);
      if (scopes !== null) body.scopes = scopes;
      const ttl = pick(TTLS, o.ttl);
      if (ttl !== null) body.ttl = ttl;
      const limit = pick(LIMITS, o.limit);
      if (limit !== null) body.ratelimit = limit;
      const quota = pick(QUOTAS, o.quota);
      if (quota !== null) body.quota = quota;
      if (o.supplied)
        body.apiKey = generateKey(org === world.orgA ? 'acme' : org === world.orgB ? 'beta' : 'mine');
      keepCreated(model, await send('POST', `/v1/organizations/${org}/apikeys`, body), by);
      return;
    }
    case 'importKey': {
      const org = pick(model.orgs, o.org);
      const prefix = org === world.orgA ? 'acme' : org === world.orgB ? 'beta' : 'mine';
      const apiKey = generateKey(prefix);
      const entry: Record<string, unknown> = {
        apiKey,
        name: 'imported',
        ownerId: pick([...model.users, ...model.services], o.owner),
        role: pick(ROLES, o.role),
      };
      const scopes = pick(SCOPES, o.scopes);
      if (scopes !== null) entry.scopes = scopes;
      const ttl = pick(TTLS, o.ttl);
      if (ttl !== null) entry.expiresAt = new Date(t.deps.clock() + ttl * 1000).toISOString();
      const reply = await send('POST', `/v1/organizations/${org}/apikeys/import`, { keys: [entry] });
      const result = reply.body?.results?.[0];
      if (reply.status === 200 && result?.success) keepKey(model, result.id, apiKey, by);
      return;
    }
    case 'rotateKey': {
      const id = pick(model.keyIds, o.key);
      const grace = [0, 60, 86_400][o.grace % 3];
      const reply = await send('POST', `/v1/apikeys/${id}/rotate`, { gracePeriod: grace });
      keepCreated(model, reply, by, model.lineageOf.get(id) ?? id);
      return;
    }
    case 'enableKey':
      await send('PATCH', `/v1/apikeys/${pick(model.keyIds, o.key)}`, { enabled: o.enabled });
      return;
    case 'rescopeKey': {
      const scopes = pick(SCOPES, o.scopes) ?? ['*'];
      await send('PATCH', `/v1/apikeys/${pick(model.keyIds, o.key)}`, { scopes });
      return;
    }
    case 'revokeKey':
      await send('DELETE', `/v1/apikeys/${pick(model.keyIds, o.key)}`);
      return;
    case 'verify': {
      const presented = pick(
        model.held.filter((h) => h.keyId),
        o.presented,
      );
      if (!presented?.keyId) return;
      const reply = await send('POST', '/v1/keys/verify', { key: secretOf(presented) });
      if (reply.status === 200 && reply.body.code === 'VALID') countValid(model, presented.keyId);
      return;
    }
    case 'lookupKey': {
      // Any key it holds, its own included: the record may come back, the key itself never.
      const presented = pick(
        model.held.filter((h) => h.keyId),
        o.presented,
      );
      if (!presented?.keyId) return;
      const secret = secretOf(presented);
      const reply = await send('POST', '/v1/apikeys/lookup', { key: secret });
      if (reply.text.includes(secret))
        model.findings.push(`a lookup by ${by?.label} answered the key itself`);
      return;
    }
    case 'createUser': {
      const username = `u${unique()}`;
      const password = `${username}-password`;
      const reply = await send('POST', '/v1/users', { username, password, clusterAdmin: o.clusterAdmin });
      if (reply.status === 201) {
        model.users.push(reply.body.id);
        model.passwords.set(username, password);
      }
      return;
    }
    case 'setPassword': {
      const user = pick(model.users, o.user);
      const password = `set-${unique()}-pw`;
      const body: Record<string, unknown> = { password };
      if (o.withCurrent) body.currentPassword = 'a-guess-at-the-password';
      const reply = await send('PATCH', `/v1/users/${user}`, body);
      if (reply.status === 200) model.passwords.set(reply.body.username, password);
      return;
    }
    case 'enableUser':
      await send('PATCH', `/v1/users/${pick(model.users, o.user)}`, { disabled: o.disabled });
      return;
    case 'signIn': {
      const known = [...model.passwords];
      if (known.length === 0) return;
      const [username, password] = pick(known, o.user);
      await signInAs(model, t, username, password);
      return;
    }
  }
}

type Send = (method: string, url: string, body?: unknown) => Promise<Reply>;

/** The attacker's moves on connections: made, moved, re-keyed, checked, used and deleted. */
async function connectionStep(
  o: Extract<Operation, { op: `${string}Connection` | 'proxy' }>,
  model: Model,
  world: HuntWorld,
  send: Send,
): Promise<void> {
  if (o.op === 'createConnection') {
    const target = world.providers[pick(TARGETS, o.target)];
    const body = sentinelOne(target, pick(OFFERED, o.token));
    const reply = await send('POST', `/v1/organizations/${pick(model.orgs, o.org)}/connections`, body);
    if (reply.status === 201) model.connections.push(reply.body.id);
    return;
  }
  const url = `/v1/connections/${pick(model.connections, o.connection)}`;
  switch (o.op) {
    case 'updateConnection': {
      const attacker = sentinelOne(world.providers.attacker, PROVIDER_TOKENS.attacker);
      const change = pick(CHANGES, o.change);
      const bodies: Record<(typeof CHANGES)[number], unknown> = {
        rename: { name: 'renamed' },
        toAttacker: { config: attacker.config },
        toAttackerWithToken: { config: attacker.config, credentials: attacker.credentials },
        credentials: { credentials: attacker.credentials },
        toA: { config: { hostname: world.providers.a.hostname } },
      };
      await send('PATCH', url, bodies[change]);
      return;
    }
    case 'checkConnection':
      await send('POST', `${url}/check`);
      return;
    case 'proxy': {
      const method = pick(PROXIED, o.method);
      const body = method === 'GET' || method === 'DELETE' ? undefined : { filter: {} };
      await send(method, `${url}/proxy/web/api/v2.1/agents?limit=1`, body);
      return;
    }
    case 'deleteConnection':
      await send('DELETE', url);
      return;
  }
}

/**
 * The attacker's moves on connect links: made with a held credential, used with no credential but the
 * link, and deleted. A link that connects a provider when its maker could no longer do so itself is an
 * escalation the model sees directly (PRODUCT.md §4a: a link holds no more than its maker does now).
 */
async function linkStep(
  o: Extract<Operation, { op: `${string}Link` }>,
  model: Model,
  { t, world, tally }: Real,
  send: Send,
  by: Held | undefined,
): Promise<void> {
  if (o.op === 'createLink') {
    const org = pick(model.orgs, o.org);
    const reply = await send('POST', `/v1/organizations/${org}/connect-sessions`, {
      providers: ['sentinelone'],
    });
    if (reply.status === 201 && by)
      model.links.push({ id: reply.body.id, token: reply.body.token, org, maker: by });
    return;
  }
  const link = model.links.length > 0 ? pick(model.links, o.link) : undefined;
  if (!link) return;
  if (o.op === 'deleteLink') {
    await send('DELETE', `/v1/connect-sessions/${link.id}`);
    return;
  }
  const target = world.providers[pick(TARGETS, o.target)];
  const reply = await t.request('POST', '/v1/connect/connections', {
    auth: null,
    headers: { 'x-connect-token': link.token },
    body: sentinelOne(target, pick(OFFERED, o.token)),
  });
  tally.sent++;
  if (reply.status >= 300) return;
  tally.done++;
  model.connections.push(reply.body.id);
  // Listing links needs connections:write: the maker's right to connect here, read without a change.
  const maker = await t.request('GET', `/v1/organizations/${link.org}/connect-sessions?limit=1`, {
    auth: link.maker.auth,
  });
  if (maker.status !== 200)
    model.findings.push(
      `a link made by ${link.maker.label} connected a provider after its maker lost connections:write (${maker.status})`,
    );
}

/** The secret a held credential presents. */
export function secretOf(held: Held): string {
  const auth = held.auth;
  return 'key' in auth ? auth.key : 'xApiKey' in auth ? auth.xApiKey : 'bearer' in auth ? auth.bearer : '';
}

export function countValid(model: Model, keyId: string): void {
  const lineage = model.lineageOf.get(keyId) ?? keyId;
  model.validByLineage.set(lineage, (model.validByLineage.get(lineage) ?? 0) + 1);
}
