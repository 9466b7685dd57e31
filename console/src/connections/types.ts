// The connection routes' records are the typed client's (@keyward/client): one description for every client.
export type {
  Connection,
  ConnectionCheck,
  ConnectSession as ConnectLink,
  Provider,
  ProviderField,
  ProviderSummary,
} from '@keyward/client';

import type { ConnectSession, Provider } from '@keyward/client';

export type LinkStatus = ConnectSession['status'];

/** What a form submits: the plain fields and the secret ones, apart, as the API takes them. */
export interface FieldValues {
  config: Record<string, string>;
  credentials: Record<string, string>;
}

/** What `GET /v1/connect/session` answers to the holder of a link. */
export interface ConnectOffer {
  organization: { name: string };
  providers: Provider[];
  connectionName: string | null;
  expiresAt: string;
}
