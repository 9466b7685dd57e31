/**
 * The records of the connections API (`/v1/providers`, `/v1/connections`, `/v1/vault`), as `openapi.json`
 * describes them. No record here has a place for a connection's secrets: they go in and never come out.
 */

/** A field of a provider, in form order: `config` is plain and shown, `credentials` secret. */
export interface ProviderField {
  name: string;
  part: 'config' | 'credentials';
  title: string;
  description: string;
  /**
   * `hostname`, `uri`, `email`, `uuid` or `path` today; `hostname` takes `host` or `host:port`, never a
   * scheme. A string, as openapi.json promises no more: an older client meets newer formats as text.
   */
  format?: string;
  /** Shown before and after the input: `https://`, `.freshdesk.com`. */
  prefix?: string;
  suffix?: string;
  example?: string;
  pattern?: string;
  enum?: string[];
  optional: boolean;
  secret: boolean;
  docs?: string;
  order: number;
}

export interface ProviderSummary {
  name: string;
  displayName: string;
  authMode: 'API_KEY' | 'BASIC';
  categories: string[];
  docs?: string;
  docsConnect?: string;
  /** Whether a credential is checked with the provider before it is saved. */
  verifies: boolean;
}

export interface Provider extends ProviderSummary {
  fields: ProviderField[];
}

/** How the last check of a credential with its provider ended. */
export interface ConnectionCheck {
  at: string;
  ok: boolean;
  outcome: 'passed' | 'refused' | 'unreachable' | 'forbidden';
  /** What the provider answered, or null when it did not answer. */
  status: number | null;
}

export interface Connection {
  id: string;
  orgId: string;
  provider: string;
  name: string;
  config: Record<string, string>;
  expiresAt: string | null;
  /** Expires within 14 days, or has expired. */
  expiresSoon: boolean;
  lastCheck: ConnectionCheck | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export interface NewConnection {
  provider: string;
  name?: string;
  config?: Record<string, string>;
  credentials: Record<string, string>;
  expiresAt?: string;
}

/** The body of `PATCH /v1/connections/{id}`: `config` and `credentials` each replace the whole set. */
export interface ConnectionChange {
  name?: string;
  config?: Record<string, string>;
  credentials?: Record<string, string>;
  expiresAt?: string | null;
}

export interface VaultStatus {
  source: 'file' | 'config';
  active: string;
  keys: { id: string; state: 'active' | 'decrypt-only' | 'retired'; records: number }[];
  pendingRewrap: number;
  rotating: boolean;
}

export interface VaultRotation {
  active: string;
  added: string | null;
  rewrapped: number;
  failed: { id: string; code: string }[];
  retired: string[];
  unused: string[];
}

/** A connect link (`/v1/organizations/{orgId}/connect-sessions`): never its token, but when made. */
export interface ConnectSession {
  id: string;
  orgId: string;
  providers: string[];
  connectionName: string | null;
  status: 'open' | 'used' | 'expired' | 'refused';
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  usedAt: string | null;
  connectionId: string | null;
  refusals: number;
}

export interface NewConnectSession {
  providers: string[];
  connectionName?: string;
  /** Seconds, 60 to 7 days; 30 minutes unless given. */
  expiresIn?: number;
}
