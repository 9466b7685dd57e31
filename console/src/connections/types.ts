/** The shapes of the connection routes' answers, as src/http/connections.ts and connect-sessions.ts send them. */

export type CheckOutcome = 'passed' | 'refused' | 'unreachable' | 'forbidden';

export interface ConnectionCheck {
  at: string;
  ok: boolean;
  outcome: CheckOutcome;
  status: number | null;
}

export interface Connection {
  id: string;
  orgId: string;
  provider: string;
  name: string;
  config: Record<string, string>;
  expiresAt: string | null;
  expiresSoon: boolean;
  lastCheck: ConnectionCheck | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

/** One field of a provider's form, in the order `order` gives. */
export interface ProviderField {
  name: string;
  part: 'config' | 'credentials';
  title: string;
  description: string;
  format?: string;
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
  verifies: boolean;
}

export interface Provider extends ProviderSummary {
  fields: ProviderField[];
}

/** What a form submits: the plain fields and the secret ones, apart, as the API takes them. */
export interface FieldValues {
  config: Record<string, string>;
  credentials: Record<string, string>;
}

export type LinkStatus = 'open' | 'used' | 'expired' | 'refused';

export interface ConnectLink {
  id: string;
  orgId: string;
  providers: string[];
  connectionName: string | null;
  status: LinkStatus;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  usedAt: string | null;
  connectionId: string | null;
  refusals: number;
}

/** What `GET /v1/connect/session` answers to the holder of a link. */
export interface ConnectOffer {
  organization: { name: string };
  providers: Provider[];
  connectionName: string | null;
  expiresAt: string;
}
