import type { Connection, KeywardClient, Provider } from '@keyward/client';
import { ApiError } from '@keyward/client';
import { CliError } from './errors.js';
import { type Column, cell } from './output.js';

/** The provider of the catalog named `name`, or a failure that says how to find one. */
export async function providerNamed(client: KeywardClient, name: string): Promise<Provider> {
  try {
    return await client.getProvider(name);
  } catch (error) {
    if ((error instanceof ApiError && error.status === 404) || error instanceof TypeError)
      throw new CliError(
        `no provider "${name}" in the catalog; "keyward provider list --search <text>" finds one`,
      );
    throw error;
  }
}

/** A connection's provider, or null when the catalog no longer has it: names then stand for titles. */
export async function providerOf(client: KeywardClient, connection: Connection): Promise<Provider | null> {
  try {
    return await client.getProvider(connection.provider);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** What the last check found, in a sentence: what the provider answered, never what it said. */
export function checkSummary(connection: Connection, provider: string): string {
  const check = connection.lastCheck;
  if (check === null) return `not checked: ${provider} has no verification request`;
  switch (check.outcome) {
    case 'passed':
      return `${provider} accepted the credentials (${check.status})`;
    case 'refused':
      return `${provider} refused the credentials: it answered ${check.status}`;
    case 'unreachable':
      return `${provider} could not be reached`;
    case 'forbidden':
      return `${provider} was not called: its address is not one this cluster may reach (KEYWARD_OUTBOUND_ALLOW)`;
  }
}

/** `hostname=acme.sentinelone.net`: a connection's plain fields, which are never secret. */
export const configText = (config: Record<string, string>) =>
  Object.entries(config)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');

const expiry = (connection: Connection) =>
  connection.expiresAt && `${cell(connection.expiresAt)}${connection.expiresSoon ? ' (soon)' : ''}`;

const lastCheck = (connection: Connection) =>
  connection.lastCheck &&
  `${connection.lastCheck.outcome}${connection.lastCheck.status === null ? '' : ` (${connection.lastCheck.status})`}`;

export const CONNECTION_COLUMNS: Column<Connection>[] = [
  ['id', (c) => c.id],
  ['name', (c) => c.name],
  ['provider', (c) => c.provider],
  ['config', (c) => configText(c.config)],
  ['last check', lastCheck],
  ['checked', (c) => c.lastCheck?.at],
  ['expires', expiry],
];

/** One connection as `Label: value` lines; each plain field under its title where the catalog has it. */
export function connectionFields(connection: Connection, provider: Provider | null): [string, unknown][] {
  const title = (name: string) => provider?.fields.find((field) => field.name === name)?.title ?? name;
  const display = provider?.displayName ?? connection.provider;
  return [
    ['ID', connection.id],
    ['Name', connection.name],
    ['Provider', `${display} (${connection.provider})`],
    ['Organization', connection.orgId],
    ...Object.entries(connection.config).map(([name, value]): [string, unknown] => [title(name), value]),
    [
      'Last check',
      connection.lastCheck && `${checkSummary(connection, display)}, at ${cell(connection.lastCheck.at)}`,
    ],
    ['Expires', expiry(connection)],
    ['Created', connection.createdAt],
    ['Created by', connection.createdBy],
    ['Updated', connection.updatedAt],
  ];
}
