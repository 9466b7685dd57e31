import { existsSync, statSync } from 'node:fs';
import { Argument, type Command } from 'commander';
import { keyHint } from '../../keys/format.js';
import { profileOption, readCommand } from '../command.js';
import { checkProfile, defaultOrg, type ProfileFlag, target, type UrlFlag } from '../context.js';
import type { Profile } from '../credentials.js';
import { CliError } from '../errors.js';
import { type FormatFlag, fields, formatOption, print, printList, write } from '../output.js';

/** What `config show` prints: where things are and which credentials win, never a secret (keys as hints). */
async function show(flags: UrlFlag & FormatFlag): Promise<void> {
  const where = target(flags);
  const { env, store, profile, login, url, urlSource } = where;
  const secretFile = existsSync(store.secretFile)
    ? { path: store.secretFile, mode: (statSync(store.secretFile).mode & 0o777).toString(8).padStart(4, '0') }
    : null;
  const credentials =
    login?.store === 'keychain' ? 'OS keychain' : secretFile ? `file ${secretFile.path}` : null;
  const org = defaultOrg(where);
  const view = {
    configDir: store.dir,
    configFile: store.configFile,
    profile,
    url,
    urlSource,
    login: login && { ...login, credentials },
    credentialsFileMode: secretFile?.mode ?? null,
    apiKeyFromEnv: env.apiKey ? keyHint(env.apiKey) : null,
    org,
  };
  const how =
    login?.kind === 'password' ? 'username and password; access and refresh tokens stored' : 'API key';
  await print(flags.format, view, () =>
    fields([
      ['Config directory', view.configDir],
      ['Config file', view.configFile],
      [
        'Profile',
        profile.source === 'current'
          ? `${profile.name} (current)`
          : `${profile.name} (from ${profile.source})`,
      ],
      ['Server URL', url && `${url} (from ${urlSource})`],
      ['Logged in as', login && `${login.name} (${how})`],
      ['Stored API key', login?.keyHint],
      [
        'Credentials in',
        credentials && (secretFile ? `${credentials} (mode ${secretFile.mode})` : credentials),
      ],
      ['KEYWARD_API_KEY', view.apiKeyFromEnv && `${view.apiKeyFromEnv} (overrides the stored login)`],
      ['Organization', org && `${org.ref} (from ${org.source})`],
    ]),
  );
}

/** One profile as `config view` lists it: who, where, and the default organization; never a secret. */
function profileRow(name: string, profile: Profile, current: string) {
  const { login } = profile;
  return {
    profile: name,
    current: name === current,
    url: login?.url ?? null,
    name: login?.name ?? null,
    kind: login?.kind ?? null,
    keyHint: login?.keyHint ?? null,
    store: login?.store ?? null,
    org: profile.org ?? null,
  };
}

async function view(flags: FormatFlag): Promise<void> {
  const config = target({}).store.config();
  const rows = Object.entries(config.profiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, profile]) => profileRow(name, profile, config.current));
  await printList(
    flags.format,
    rows,
    [
      ['current', (row) => (row.current ? '*' : '')],
      ['profile', (row) => row.profile],
      ['server', (row) => row.url],
      ['logged in as', (row) => row.name && `${row.name} (${row.keyHint ? `key ${row.keyHint}` : row.kind})`],
      ['org', (row) => row.org],
    ],
    'profiles',
  );
}

async function use(name: string): Promise<void> {
  const where = target({});
  const profile = checkProfile(name);
  const { profiles } = where.store.config();
  if (!profiles[profile]) {
    const known = Object.keys(profiles).sort().join(', ');
    throw new CliError(
      `no profile "${profile}"${known ? ` (there are: ${known})` : ''}; create it with "keyward login --profile ${profile} --url <url>"`,
    );
  }
  where.store.edit((config) => {
    config.current = profile;
  });
  const login = profiles[profile]?.login;
  write(`Now using the profile "${profile}"${login ? `: ${login.name} on ${login.url}` : ''}.`);
  if (where.profile.source === 'KEYWARD_PROFILE' && where.profile.name !== profile)
    process.stderr.write(
      `keyward: note: KEYWARD_PROFILE still selects "${where.profile.name}" where it is set\n`,
    );
}

async function setting(key: 'org', value: string | undefined, flags: ProfileFlag): Promise<void> {
  const { store } = target(flags);
  store.editProfile((profile) => ({ ...profile, [key]: value }));
  const of = `the profile "${store.profile}"`;
  write(
    value === undefined
      ? `Unset the default organization of ${of}.`
      : `Set the default organization of ${of} to ${value}.`,
  );
}

export function configCommands(program: Command): void {
  const config = program
    .command('config')
    .description('The CLI’s own configuration: profiles and their settings');
  readCommand(
    config,
    'show',
    'Show the config directory, the profile, the server URL and the stored login, secrets masked',
  ).action(show);
  config
    .command('view')
    .description('List every profile: its server, who it is logged in as, its default org')
    .addOption(formatOption())
    .action(view);
  config
    .command('use <profile>')
    .description('Make a profile the current one, the one used without --profile or KEYWARD_PROFILE')
    .action(use);
  const settings = () => new Argument('<setting>', 'what to set').choices(['org']);
  config
    .command('set')
    .description('Set a setting of the profile: org, the organization used where a command needs one')
    .addArgument(settings())
    .argument('<value>', 'the organization: name, id or key prefix')
    .addOption(profileOption())
    .action((key: 'org', value: string, flags: ProfileFlag) => setting(key, value, flags));
  config
    .command('unset')
    .description('Unset a setting of the profile')
    .addArgument(settings())
    .addOption(profileOption())
    .action((key: 'org', flags: ProfileFlag) => setting(key, undefined, flags));
}
