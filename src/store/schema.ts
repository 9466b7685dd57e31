import type { Generated } from 'kysely';

/** The tables as Kysely sees them. Booleans are 0/1 and times are ISO 8601 text, the same on every dialect. */
export interface Database {
  users: {
    id: string;
    username: string;
    password_hash: string;
    cluster_admin: number;
    disabled: number;
    created_at: string;
    updated_at: string;
  };
  organizations: { id: string; name: string; key_prefix: string; created_at: string; updated_at: string };
  memberships: { org_id: string; user_id: string; role: string; created_at: string };
  service_users: {
    id: string;
    org_id: string;
    name: string;
    description: string | null;
    role: string;
    expires_at: string | null;
    created_at: string;
    updated_at: string;
  };
  api_keys: {
    id: string;
    org_id: string;
    owner_id: string;
    name: string;
    description: string | null;
    meta: string | null;
    role: string;
    scopes: string | null;
    hash: string;
    hint: string;
    created_at: string;
    created_by: string | null;
    expires_at: string | null;
    last_used_at: string | null;
    enabled: number;
    revoked_at: string | null;
    ratelimit: string | null;
    quota: string | null;
    successor_id: string | null;
    cluster: number;
    budget_id: string;
    disabled_by: string | null;
    made_by_key: string | null;
    /** The quota's count, spent in place (`quota` keeps its settings). */
    quota_remaining: number | null;
    quota_refilled_at: string | null;
  };
  refresh_tokens: {
    id: string;
    user_id: string;
    family_id: string;
    hash: string;
    expires_at: string;
    used_at: string | null;
    revoked_at: string | null;
  };
  settings: { name: string; value: string };
  connections: {
    id: string;
    org_id: string;
    provider: string;
    name: string;
    config: string;
    sealed: string;
    master_key_id: string;
    expires_at: string | null;
    last_checked_at: string | null;
    last_check_status: number | null;
    last_check_outcome: string | null;
    created_at: string;
    updated_at: string;
    created_by: string | null;
  };
  connect_sessions: {
    id: string;
    org_id: string;
    token_hash: string;
    providers: string;
    connection_name: string | null;
    created_by: string;
    made_by_key: string | null;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    connection_id: string | null;
    refusals: Generated<number>;
  };
  rate_windows: { budget_id: string; window_start: number; count: number };
  audit_log: {
    seq: Generated<number>;
    id: string;
    at: string;
    action: string;
    actor_id: string | null;
    org_id: string | null;
    target_id: string | null;
    request_id: string | null;
    ip: string | null;
    outcome: string;
    details: string | null;
    prev_hash: string;
    hash: string;
    org_prev_hash: string | null;
    org_hash: string | null;
  };
  key_events: {
    seq: Generated<number>;
    at: string;
    type: string;
    org_id: string;
    key_id: string | null;
    owner_id: string | null;
  };
  webhooks: {
    id: string;
    org_id: string;
    url: string;
    description: string | null;
    /** A JSON array of event types, or null for every type. */
    events: string | null;
    enabled: number;
    secret_sealed: string;
    master_key_id: string;
    created_by: string;
    made_by_key: string | null;
    created_at: string;
    updated_at: string;
  };
  webhook_deliveries: {
    id: string;
    webhook_id: string;
    org_id: string;
    event_seq: number;
    event_type: string;
    payload: string;
    status: string;
    attempts: Generated<number>;
    next_attempt_at: string | null;
    locked_until: string | null;
    last_status: number | null;
    last_error: string | null;
    created_at: string;
    delivered_at: string | null;
  };
}
