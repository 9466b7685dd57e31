import type {
  Connection,
  ConnectionChange,
  ConnectSession,
  NewConnection,
  NewConnectSession,
  Provider,
  ProviderSummary,
  VaultRotation,
  VaultStatus,
} from './connection-types.js';
import { type Credentials, type ProxyAnswer, Transport } from './transport.js';
import type {
  ApiKey,
  AuditChainCheck,
  AuditEntry,
  AuditQuery,
  CreatedKey,
  ImportEntry,
  ImportResult,
  KeyChange,
  LeakReport,
  Me,
  Member,
  NewKey,
  Organization,
  Role,
  RotatedKey,
  ServiceUser,
  TokenPair,
  User,
  UserChange,
} from './types.js';
import type {
  NewWebhook,
  Webhook,
  WebhookChange,
  WebhookDelivery,
  WebhookWithSecret,
} from './webhook-types.js';

type Done = { success: true };

/** A path with each id encoded as one segment; an id that could change the path is refused. */
function path(parts: TemplateStringsArray, ...ids: string[]): string {
  return parts.reduce((out, part, i) => {
    const id = ids[i];
    if (id === undefined) return out + part;
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new TypeError('An id has only letters, digits, _ and -');
    return out + part + id;
  }, '');
}

/** A provider's name as one path segment: the catalog's names never need encoding, nor hold `.` alone. */
function providerPath(name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]{0,99}$/.test(name))
    throw new TypeError('A provider name has only a-z, 0-9, ., _ and -, and starts with a letter or digit');
  return `/v1/providers/${name}`;
}

/**
 * A typed client for Keyward's REST API: one method per operation, built on `fetch`. Lists page
 * through every item unless given a limit. Failures throw `ApiError` or `UnreachableError`.
 * @example
 * const keyward = new KeywardClient('http://127.0.0.1:7373', apiKeyCredentials(process.env.KEY));
 * const me = await keyward.me();
 */
export class KeywardClient {
  readonly url: string;
  private readonly http: Transport;

  constructor(url: string, credentials: Credentials | null = null) {
    this.http = new Transport(url, credentials);
    this.url = this.http.url;
  }

  signIn(username: string, password: string): Promise<TokenPair> {
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    return this.http.request('POST', '/v1/auth/token', { authorization: `Basic ${basic}` });
  }
  refresh(refreshToken: string): Promise<TokenPair> {
    return this.http.request('POST', '/v1/auth/refresh', { body: { refreshToken } });
  }
  signOut(refreshToken: string): Promise<Done> {
    return this.http.request('POST', '/v1/auth/logout', { body: { refreshToken } });
  }
  me(): Promise<Me> {
    return this.http.request('GET', '/v1/me');
  }

  createOrganization(body: { name: string; keyPrefix?: string }): Promise<Organization> {
    return this.http.request('POST', '/v1/organizations', { body });
  }
  listOrganizations(limit?: number): Promise<Organization[]> {
    return this.http.all('/v1/organizations', {}, limit);
  }
  getOrganization(orgId: string): Promise<Organization> {
    return this.http.request('GET', path`/v1/organizations/${orgId}`);
  }
  renameOrganization(orgId: string, name: string): Promise<Organization> {
    return this.http.request('PATCH', path`/v1/organizations/${orgId}`, { body: { name } });
  }
  deleteOrganization(orgId: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/organizations/${orgId}`);
  }

  addMember(orgId: string, body: { userId: string; role: Role }): Promise<Member> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/members`, { body });
  }
  listMembers(orgId: string, limit?: number): Promise<Member[]> {
    return this.http.all(path`/v1/organizations/${orgId}/members`, {}, limit);
  }
  setMemberRole(orgId: string, userId: string, role: Role): Promise<Member> {
    return this.http.request('PATCH', path`/v1/organizations/${orgId}/members/${userId}`, { body: { role } });
  }
  removeMember(orgId: string, userId: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/organizations/${orgId}/members/${userId}`);
  }

  createUser(body: { username: string; password: string; clusterAdmin?: boolean }): Promise<User> {
    return this.http.request('POST', '/v1/users', { body });
  }
  listUsers(limit?: number): Promise<User[]> {
    return this.http.all('/v1/users', {}, limit);
  }
  getUser(userId: string): Promise<User> {
    return this.http.request('GET', path`/v1/users/${userId}`);
  }
  updateUser(userId: string, body: UserChange): Promise<User> {
    return this.http.request('PATCH', path`/v1/users/${userId}`, { body });
  }
  deleteUser(userId: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/users/${userId}`);
  }

  createServiceUser(
    orgId: string,
    body: { name: string; role: Role; description?: string; expiresAt?: string },
  ): Promise<ServiceUser> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/service-users`, { body });
  }
  listServiceUsers(orgId: string, limit?: number): Promise<ServiceUser[]> {
    return this.http.all(path`/v1/organizations/${orgId}/service-users`, {}, limit);
  }
  getServiceUser(orgId: string, id: string): Promise<ServiceUser> {
    return this.http.request('GET', path`/v1/organizations/${orgId}/service-users/${id}`);
  }
  /** `null` clears the description, or the expiry. */
  updateServiceUser(
    orgId: string,
    id: string,
    body: { name?: string; description?: string | null; role?: Role; expiresAt?: string | null },
  ): Promise<ServiceUser> {
    return this.http.request('PATCH', path`/v1/organizations/${orgId}/service-users/${id}`, { body });
  }
  deleteServiceUser(orgId: string, id: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/organizations/${orgId}/service-users/${id}`);
  }

  createKey(orgId: string, body: NewKey): Promise<CreatedKey> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/apikeys`, { body });
  }
  listKeys(orgId: string, filter: { ownerId?: string } = {}, limit?: number): Promise<ApiKey[]> {
    return this.http.all(path`/v1/organizations/${orgId}/apikeys`, filter, limit);
  }
  getKey(keyId: string): Promise<ApiKey> {
    return this.http.request('GET', path`/v1/apikeys/${keyId}`);
  }
  /** A key's record found by the key itself, which goes in the body: a URL would put it in logs. */
  lookupKey(key: string): Promise<ApiKey> {
    return this.http.request('POST', '/v1/apikeys/lookup', { body: { key } });
  }
  updateKey(keyId: string, body: KeyChange): Promise<ApiKey> {
    return this.http.request('PATCH', path`/v1/apikeys/${keyId}`, { body });
  }
  revokeKey(keyId: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/apikeys/${keyId}`);
  }
  rotateKey(keyId: string, gracePeriod: number): Promise<RotatedKey> {
    return this.http.request('POST', path`/v1/apikeys/${keyId}/rotate`, { body: { gracePeriod } });
  }
  importKeys(orgId: string, keys: ImportEntry[]): Promise<ImportResult> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/apikeys/import`, { body: { keys } });
  }
  reportLeak(keys: string[], source?: string): Promise<LeakReport> {
    return this.http.request('POST', '/v1/keys/report-leak', { body: { keys, source } });
  }

  listProviders(search?: string, limit?: number): Promise<ProviderSummary[]> {
    return this.http.all('/v1/providers', { search }, limit);
  }
  getProvider(name: string): Promise<Provider> {
    return this.http.request('GET', providerPath(name));
  }

  createConnection(orgId: string, body: NewConnection): Promise<Connection> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/connections`, { body });
  }
  listConnections(orgId: string, filter: { expiring?: boolean } = {}, limit?: number): Promise<Connection[]> {
    const query = filter.expiring ? { expiring: 'true' } : {};
    return this.http.all(path`/v1/organizations/${orgId}/connections`, query, limit);
  }
  getConnection(id: string): Promise<Connection> {
    return this.http.request('GET', path`/v1/connections/${id}`);
  }
  updateConnection(id: string, body: ConnectionChange): Promise<Connection> {
    return this.http.request('PATCH', path`/v1/connections/${id}`, { body });
  }
  deleteConnection(id: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/connections/${id}`);
  }
  /** A connect link, answered with its `token`, this once: hand it to whoever is to connect. */
  createConnectSession(orgId: string, body: NewConnectSession): Promise<ConnectSession & { token: string }> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/connect-sessions`, { body });
  }
  listConnectSessions(orgId: string, limit?: number): Promise<ConnectSession[]> {
    return this.http.all(path`/v1/organizations/${orgId}/connect-sessions`, {}, limit);
  }
  deleteConnectSession(id: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/connect-sessions/${id}`);
  }
  /** Checks the credential with its provider again; `lastCheck.ok` says whether it still works. */
  createWebhook(orgId: string, body: NewWebhook): Promise<WebhookWithSecret> {
    return this.http.request('POST', path`/v1/organizations/${orgId}/webhooks`, { body });
  }
  listWebhooks(orgId: string, limit?: number): Promise<Webhook[]> {
    return this.http.all(path`/v1/organizations/${orgId}/webhooks`, {}, limit);
  }
  getWebhook(id: string): Promise<Webhook> {
    return this.http.request('GET', path`/v1/webhooks/${id}`);
  }
  updateWebhook(id: string, body: WebhookChange): Promise<Webhook> {
    return this.http.request('PATCH', path`/v1/webhooks/${id}`, { body });
  }
  deleteWebhook(id: string): Promise<Done> {
    return this.http.request('DELETE', path`/v1/webhooks/${id}`);
  }
  /** A new signing secret, shown this once; the old one stops signing at once. */
  rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
    return this.http.request('POST', path`/v1/webhooks/${id}/rotate-secret`);
  }
  /** The deliveries to a webhook, newest first. */
  listWebhookDeliveries(id: string, limit?: number): Promise<WebhookDelivery[]> {
    return this.http.all(path`/v1/webhooks/${id}/deliveries`, {}, limit);
  }
  checkConnection(id: string): Promise<Connection> {
    return this.http.request('POST', path`/v1/connections/${id}/check`);
  }
  /**
   * Sends a request to the provider through a connection and answers the provider's answer as it came,
   * whatever its status. `target` is the provider's path with its query (`/web/api/v2.1/sites?limit=1`).
   * Keyward's own credentials go in `Authorization`, so `headers` may not name it.
   * @example const sites = await keyward.proxy('con_…', 'GET', '/web/api/v2.1/sites?limit=1');
   */
  proxy(
    id: string,
    method: string,
    target: string,
    options: { headers?: Record<string, string>; body?: Uint8Array } = {},
  ): Promise<ProxyAnswer> {
    const headers = options.headers ?? {};
    if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'))
      throw new TypeError(
        "The Authorization header is Keyward's: the provider's credential is added by Keyward",
      );
    if (!target.startsWith('/')) throw new TypeError('The target path starts with /');
    return this.http.exchange(method, `${path`/v1/connections/${id}/proxy`}${target}`, {
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
    });
  }

  /**
   * Sends any request to the API with the client's credentials and answers the answer as it came,
   * whatever its status. `target` is the path with its query; `headers` may not name `Authorization`.
   * @example const answer = await keyward.request('GET', '/v1/me');
   */
  request(
    method: string,
    target: string,
    options: { headers?: Record<string, string>; body?: Uint8Array } = {},
  ): Promise<ProxyAnswer> {
    const headers = options.headers ?? {};
    if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'))
      throw new TypeError("The Authorization header carries the client's credentials");
    if (!target.startsWith('/')) throw new TypeError('The target path starts with /');
    return this.http.raw(method, target, {
      headers,
      ...(options.body === undefined ? {} : { body: options.body }),
    });
  }

  vaultStatus(): Promise<VaultStatus> {
    return this.http.request('GET', '/v1/vault');
  }
  rotateVault(): Promise<VaultRotation> {
    return this.http.request('POST', '/v1/vault/rotate');
  }

  listAudit(query: AuditQuery, limit?: number): Promise<AuditEntry[]> {
    return this.http.all('/v1/audit', { ...query }, limit);
  }
  /** The server's own walk of the whole log's chain, or of one organization's. */
  verifyAuditChain(orgId?: string): Promise<AuditChainCheck> {
    return this.http.request('GET', '/v1/audit/verify', { query: { orgId } });
  }
  /** The audit log as JSON Lines, oldest first: the chain in order. */
  exportAudit(query: AuditQuery): Promise<string> {
    return this.http.request('GET', '/v1/audit/export', { query: { ...query }, accept: 'application/jsonl' });
  }
}
