import type { Provider, ProviderField, ProviderSummary } from '@keyward/client';
import { type Command, Option } from 'commander';
import { positiveInt } from '../args.js';
import { readCommand } from '../command.js';
import { providerNamed } from '../connection-view.js';
import { connect, type UrlFlag } from '../context.js';
import {
  type Column,
  cell,
  type FormatFlag,
  fields,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
} from '../output.js';

type Flags = UrlFlag & FormatFlag;

const COLUMNS: Column<ProviderSummary>[] = [
  ['name', (p) => p.name],
  ['display name', (p) => p.displayName],
  ['auth', (p) => p.authMode],
  ['categories', (p) => p.categories],
  ['checked', (p) => (p.verifies ? 'yes' : 'no')],
];

async function list(flags: UrlFlag & ListFlags & { search?: string; limit?: number }): Promise<void> {
  const client = await connect(flags);
  const providers = await client.listProviders(flags.search, flags.limit);
  await printList(flags.format, providers, COLUMNS, 'providers', { headers: flags.headers });
}

/** How `connection add` takes a field. */
function flagFor(field: ProviderField, provider: Provider): string {
  const secrets = provider.fields.filter((f) => f.part === 'credentials');
  const hosts = provider.fields.filter((f) => f.part === 'config' && f.format === 'hostname');
  if (field.part === 'config')
    return hosts.length === 1 && hosts[0] === field ? '--hostname <host>' : `--config ${field.name}=…`;
  return secrets.length === 1
    ? 'a hidden prompt, --token-stdin or --token'
    : `a hidden prompt, --credentials-stdin or --credential ${field.name}=…`;
}

/** One field as a few indented lines: what it is, how the form shows it (prefix beside it), where it is explained. */
function fieldLines(field: ProviderField, provider: Provider): string[] {
  const traits = [field.part, field.secret ? 'secret' : null, field.optional ? 'optional' : 'required'];
  const form =
    field.prefix || field.suffix || field.example
      ? `${field.prefix ?? ''}[${field.example ?? field.name}]${field.suffix ?? ''}`
      : null;
  const format = field.format === 'hostname' ? 'hostname: host or host:port, without https://' : field.format;
  const lines: [string, unknown][] = [
    ['', field.description],
    ['Format', format],
    ['Form', form],
    ['One of', field.enum],
    ['Give it by', flagFor(field, provider)],
    ['Docs', field.docs],
  ];
  return [
    `${field.order}. ${cell(field.name)}: ${cell(field.title)} (${traits.filter(Boolean).join(', ')})`,
    ...lines
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([label, value]) => `   ${label ? `${label}: ` : ''}${cell(value)}`),
  ];
}

/** The command that connects to this provider, with a placeholder for each required field. */
function example(provider: Provider): string {
  const args = provider.fields
    .filter((f) => f.part === 'config' && !f.optional)
    .map((f) =>
      flagFor(f, provider).startsWith('--hostname') ? '--hostname <host>' : `--config ${f.name}=<value>`,
    );
  const secrets = provider.fields.filter((f) => f.part === 'credentials').length;
  args.push(secrets === 1 ? '--token-stdin' : '--credentials-stdin');
  return `keyward connection add ${provider.name} --org <org> ${args.join(' ')}`;
}

async function info(name: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const provider = await providerNamed(client, name);
  await print(flags.format, provider, () =>
    [
      fields([
        ['Name', provider.name],
        ['Display name', provider.displayName],
        ['Auth', provider.authMode],
        ['Categories', provider.categories],
        ['Checked', provider.verifies ? 'yes, with the provider, before a connection is saved' : 'no'],
        ['Docs', provider.docs],
        ['Connect guide', provider.docsConnect],
      ]),
      '',
      'Fields, in form order:',
      ...provider.fields.flatMap((field) => fieldLines(field, provider)),
      '',
      `Connect: ${example(provider)}`,
    ].join('\n'),
  );
}

export function providerCommands(program: Command): void {
  const group = program
    .command('provider')
    .description('The catalog of third-party APIs that connections can be made to');
  readCommand(group, 'list', 'List the providers, by name')
    .option('--search <text>', 'only those whose name, display name or category holds this text')
    .addOption(new Option('--limit <n>', 'at most this many providers').argParser(positiveInt))
    .addOption(noHeadersOption())
    .action(list);
  readCommand(
    group,
    'info <name>',
    'Show a provider: the fields a connection to it takes, which are secret, where each is explained',
  ).action(info);
}
