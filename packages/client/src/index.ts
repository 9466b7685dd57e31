/**
 * `@keyward/client`: a typed client for Keyward's REST API, on `fetch`, with no dependency.
 * @example
 * import { KeywardClient, apiKeyCredentials } from '@keyward/client';
 * const keyward = new KeywardClient('http://127.0.0.1:7373', apiKeyCredentials(process.env.KEYWARD_API_KEY));
 * const me = await keyward.me();
 */
export { KeywardClient } from './client.js';
export type {
  Connection,
  ConnectionChange,
  ConnectionCheck,
  ConnectSession,
  NewConnection,
  NewConnectSession,
  Provider,
  ProviderField,
  ProviderSummary,
  VaultRotation,
  VaultStatus,
} from './connection-types.js';
export { ApiError, UnreachableError } from './errors.js';
/** The whole API as openapi-typescript reads openapi.json: the records above are checked against it. */
export type { components, paths } from './openapi.js';
export { apiKeyCredentials, type Credentials, type ProxyAnswer } from './transport.js';
export type {
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
  Page,
  Role,
  RotatedKey,
  ServiceUser,
  TokenPair,
  User,
  UserChange,
} from './types.js';
export type {
  KeyEventType,
  NewWebhook,
  Webhook,
  WebhookChange,
  WebhookDelivery,
  WebhookWithSecret,
} from './webhook-types.js';
