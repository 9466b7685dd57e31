/**
 * The typed client's records and methods against `openapi.json`, as openapi-typescript reads it
 * (packages/client/src/openapi.ts, which `npm run openapi:check` keeps in step with the routes). Nothing
 * runs here: `npm run typecheck` compiles this file, and a record or a method that no longer matches its
 * operation fails it, on the line that names them.
 *
 * The records stay written by hand, with their doc comments, rather than aliased from the generated
 * paths: this file is what ties the two.
 */
import type {
  AuditQuery,
  KeywardClient,
  NewConnection,
  NewConnectSession,
  NewKey,
  NewWebhook,
  Page,
} from '../../packages/client/src/index.js';
import type { paths } from '../../packages/client/src/openapi.js';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : never;
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];
/** What an operation answers on success. */
type Answer<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer R } ? Json<Success<R>> : never;
/** The JSON body an operation takes. */
type Body<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
/** The query of a list, without the paging that the client does itself. */
type Filter<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { parameters: { query?: infer Q } }
    ? Omit<NonNullable<Q>, 'limit' | 'cursor'>
    : never;
type Item<P extends keyof paths> = Answer<P, 'get'> extends Page<infer I> ? I : never;

type Returns<M extends keyof KeywardClient> = KeywardClient[M] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never;
type Argument<M extends keyof KeywardClient, I extends number> = KeywardClient[M] extends (
  ...args: infer A
) => unknown
  ? A[I]
  : never;

/** Interfaces and intersections flattened into plain object types, so that only shapes are compared. */
type Plain<T> = T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
/** True when the two shapes are the same: the same fields, each as optional and of the same type. */
type Same<A, B> =
  (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;
/** True when the API takes what the client sends: for a body that the client builds from narrower arguments. */
type Takes<Body, Sent> = [Sent] extends [Body] ? true : false;
type Holds<T extends true> = T;

export type ClientMatchesOpenapi = [
  Holds<Same<Returns<'signIn'>, Answer<'/v1/auth/token', 'post'>>>,
  Holds<Same<Returns<'refresh'>, Answer<'/v1/auth/refresh', 'post'>>>,
  Holds<Same<{ refreshToken: Argument<'refresh', 0> }, Body<'/v1/auth/refresh', 'post'>>>,
  Holds<Same<Returns<'signOut'>, Answer<'/v1/auth/logout', 'post'>>>,
  Holds<Same<{ refreshToken: Argument<'signOut', 0> }, Body<'/v1/auth/logout', 'post'>>>,
  Holds<Same<Returns<'me'>, Answer<'/v1/me', 'get'>>>,
  Holds<Same<Answer<'/v1/organizations', 'get'>, Page<Returns<'getOrganization'>>>>,
  Holds<Same<Returns<'listOrganizations'>, Item<'/v1/organizations'>[]>>,
  Holds<Same<Returns<'createOrganization'>, Answer<'/v1/organizations', 'post'>>>,
  Holds<Same<Argument<'createOrganization', 0>, Body<'/v1/organizations', 'post'>>>,
  Holds<Same<Returns<'getOrganization'>, Answer<'/v1/organizations/{orgId}', 'get'>>>,
  Holds<Same<Returns<'renameOrganization'>, Answer<'/v1/organizations/{orgId}', 'patch'>>>,
  Holds<Takes<Body<'/v1/organizations/{orgId}', 'patch'>, { name: Argument<'renameOrganization', 1> }>>,
  Holds<Same<Returns<'deleteOrganization'>, Answer<'/v1/organizations/{orgId}', 'delete'>>>,
  Holds<Same<Returns<'listMembers'>, Item<'/v1/organizations/{orgId}/members'>[]>>,
  Holds<Same<Returns<'addMember'>, Answer<'/v1/organizations/{orgId}/members', 'post'>>>,
  Holds<Same<Argument<'addMember', 1>, Body<'/v1/organizations/{orgId}/members', 'post'>>>,
  Holds<Same<Returns<'setMemberRole'>, Answer<'/v1/organizations/{orgId}/members/{userId}', 'patch'>>>,
  Holds<
    Same<{ role: Argument<'setMemberRole', 2> }, Body<'/v1/organizations/{orgId}/members/{userId}', 'patch'>>
  >,
  Holds<Same<Returns<'removeMember'>, Answer<'/v1/organizations/{orgId}/members/{userId}', 'delete'>>>,
  Holds<Same<Returns<'listUsers'>, Item<'/v1/users'>[]>>,
  Holds<Same<Returns<'createUser'>, Answer<'/v1/users', 'post'>>>,
  Holds<Same<Argument<'createUser', 0>, Body<'/v1/users', 'post'>>>,
  Holds<Same<Returns<'getUser'>, Answer<'/v1/users/{userId}', 'get'>>>,
  Holds<Same<Returns<'updateUser'>, Answer<'/v1/users/{userId}', 'patch'>>>,
  Holds<Same<Argument<'updateUser', 1>, Body<'/v1/users/{userId}', 'patch'>>>,
  Holds<Same<Returns<'deleteUser'>, Answer<'/v1/users/{userId}', 'delete'>>>,
  Holds<Same<Returns<'listServiceUsers'>, Item<'/v1/organizations/{orgId}/service-users'>[]>>,
  Holds<Same<Returns<'createServiceUser'>, Answer<'/v1/organizations/{orgId}/service-users', 'post'>>>,
  Holds<Same<Argument<'createServiceUser', 1>, Body<'/v1/organizations/{orgId}/service-users', 'post'>>>,
  Holds<
    Same<Returns<'getServiceUser'>, Answer<'/v1/organizations/{orgId}/service-users/{serviceUserId}', 'get'>>
  >,
  Holds<
    Same<
      Returns<'updateServiceUser'>,
      Answer<'/v1/organizations/{orgId}/service-users/{serviceUserId}', 'patch'>
    >
  >,
  Holds<
    Same<
      Argument<'updateServiceUser', 2>,
      Body<'/v1/organizations/{orgId}/service-users/{serviceUserId}', 'patch'>
    >
  >,
  Holds<
    Same<
      Returns<'deleteServiceUser'>,
      Answer<'/v1/organizations/{orgId}/service-users/{serviceUserId}', 'delete'>
    >
  >,
  Holds<Same<Returns<'listKeys'>, Item<'/v1/organizations/{orgId}/apikeys'>[]>>,
  Holds<Same<NonNullable<Argument<'listKeys', 1>>, Filter<'/v1/organizations/{orgId}/apikeys', 'get'>>>,
  Holds<Same<Returns<'createKey'>, Answer<'/v1/organizations/{orgId}/apikeys', 'post'>>>,
  Holds<Same<NewKey, Body<'/v1/organizations/{orgId}/apikeys', 'post'>>>,
  Holds<Same<Returns<'getKey'>, Answer<'/v1/apikeys/{keyId}', 'get'>>>,
  Holds<Same<Returns<'lookupKey'>, Answer<'/v1/apikeys/lookup', 'post'>>>,
  Holds<Same<{ key: Argument<'lookupKey', 0> }, Body<'/v1/apikeys/lookup', 'post'>>>,
  Holds<Same<Returns<'updateKey'>, Answer<'/v1/apikeys/{keyId}', 'patch'>>>,
  Holds<Same<Argument<'updateKey', 1>, Body<'/v1/apikeys/{keyId}', 'patch'>>>,
  Holds<Same<Returns<'revokeKey'>, Answer<'/v1/apikeys/{keyId}', 'delete'>>>,
  Holds<Same<Returns<'rotateKey'>, Answer<'/v1/apikeys/{keyId}/rotate', 'post'>>>,
  Holds<Takes<Body<'/v1/apikeys/{keyId}/rotate', 'post'>, { gracePeriod: Argument<'rotateKey', 1> }>>,
  Holds<Same<Returns<'importKeys'>, Answer<'/v1/organizations/{orgId}/apikeys/import', 'post'>>>,
  Holds<Same<{ keys: Argument<'importKeys', 1> }, Body<'/v1/organizations/{orgId}/apikeys/import', 'post'>>>,
  Holds<Same<Returns<'reportLeak'>, Answer<'/v1/keys/report-leak', 'post'>>>,
  Holds<
    Same<
      { keys: Argument<'reportLeak', 0>; source?: Argument<'reportLeak', 1> },
      Body<'/v1/keys/report-leak', 'post'>
    >
  >,
  Holds<Same<Returns<'listProviders'>, Item<'/v1/providers'>[]>>,
  Holds<Same<{ search?: Argument<'listProviders', 0> }, Filter<'/v1/providers', 'get'>>>,
  Holds<Same<Returns<'getProvider'>, Answer<'/v1/providers/{name}', 'get'>>>,
  Holds<Same<Returns<'listConnections'>, Item<'/v1/organizations/{orgId}/connections'>[]>>,
  Holds<Same<Returns<'createConnection'>, Answer<'/v1/organizations/{orgId}/connections', 'post'>>>,
  Holds<Same<NewConnection, Body<'/v1/organizations/{orgId}/connections', 'post'>>>,
  Holds<Same<Returns<'getConnection'>, Answer<'/v1/connections/{connectionId}', 'get'>>>,
  Holds<Same<Returns<'updateConnection'>, Answer<'/v1/connections/{connectionId}', 'patch'>>>,
  Holds<Same<Argument<'updateConnection', 1>, Body<'/v1/connections/{connectionId}', 'patch'>>>,
  Holds<Same<Returns<'deleteConnection'>, Answer<'/v1/connections/{connectionId}', 'delete'>>>,
  Holds<Same<Returns<'checkConnection'>, Answer<'/v1/connections/{connectionId}/check', 'post'>>>,
  Holds<Same<Returns<'createWebhook'>, Answer<'/v1/organizations/{orgId}/webhooks', 'post'>>>,
  Holds<Same<NewWebhook, Body<'/v1/organizations/{orgId}/webhooks', 'post'>>>,
  Holds<Same<Returns<'listWebhooks'>, Item<'/v1/organizations/{orgId}/webhooks'>[]>>,
  Holds<Same<Returns<'getWebhook'>, Answer<'/v1/webhooks/{webhookId}', 'get'>>>,
  Holds<Same<Returns<'updateWebhook'>, Answer<'/v1/webhooks/{webhookId}', 'patch'>>>,
  Holds<Same<Argument<'updateWebhook', 1>, Body<'/v1/webhooks/{webhookId}', 'patch'>>>,
  Holds<Same<Returns<'deleteWebhook'>, Answer<'/v1/webhooks/{webhookId}', 'delete'>>>,
  Holds<Same<Returns<'rotateWebhookSecret'>, Answer<'/v1/webhooks/{webhookId}/rotate-secret', 'post'>>>,
  Holds<Same<Returns<'listWebhookDeliveries'>, Item<'/v1/webhooks/{webhookId}/deliveries'>[]>>,
  Holds<Same<Returns<'listConnectSessions'>, Item<'/v1/organizations/{orgId}/connect-sessions'>[]>>,
  Holds<Same<Returns<'createConnectSession'>, Answer<'/v1/organizations/{orgId}/connect-sessions', 'post'>>>,
  Holds<Same<NewConnectSession, Body<'/v1/organizations/{orgId}/connect-sessions', 'post'>>>,
  Holds<Same<Returns<'deleteConnectSession'>, Answer<'/v1/connect-sessions/{sessionId}', 'delete'>>>,
  Holds<Same<Returns<'vaultStatus'>, Answer<'/v1/vault', 'get'>>>,
  Holds<Same<Returns<'rotateVault'>, Answer<'/v1/vault/rotate', 'post'>>>,
  Holds<Same<Returns<'listAudit'>, Item<'/v1/audit'>[]>>,
  Holds<Same<AuditQuery, Filter<'/v1/audit', 'get'>>>,
  Holds<Same<AuditQuery, Filter<'/v1/audit/export', 'get'>>>,
  Holds<Same<Returns<'verifyAuditChain'>, Answer<'/v1/audit/verify', 'get'>>>,
  Holds<Same<{ orgId?: Argument<'verifyAuditChain', 0> }, Filter<'/v1/audit/verify', 'get'>>>,
];
