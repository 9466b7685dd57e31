import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { keyHint } from '../../keys/format.js';
import { readCommand } from '../command.js';
import { target, type UrlFlag } from '../context.js';
import { type FormatFlag, fields, print } from '../output.js';

/** What `config show` prints: where things are and which credentials win, never a secret (keys as hints). */
async function show(flags: UrlFlag & FormatFlag): Promise<void> {
  const { env, store, login, url, urlSource } = target(flags);
  const secretFile = existsSync(store.secretFile)
    ? { path: store.secretFile, mode: (statSync(store.secretFile).mode & 0o777).toString(8).padStart(4, '0') }
    : null;
  const credentials =
    login?.store === 'keychain' ? 'OS keychain' : secretFile ? `file ${secretFile.path}` : null;
  const view = {
    configDir: store.dir,
    configFile: store.configFile,
    url,
    urlSource,
    login: login && { ...login, credentials },
    credentialsFileMode: secretFile?.mode ?? null,
    apiKeyFromEnv: env.apiKey ? keyHint(env.apiKey) : null,
  };
  const how =
    login?.kind === 'password' ? 'username and password; access and refresh tokens stored' : 'API key';
  await print(flags.format, view, () =>
    fields([
      ['Config directory', view.configDir],
      ['Config file', view.configFile],
      ['Server URL', url && `${url} (from ${urlSource})`],
      ['Logged in as', login && `${login.name} (${how})`],
      ['Stored API key', login?.keyHint],
      [
        'Credentials in',
        credentials && (secretFile ? `${credentials} (mode ${secretFile.mode})` : credentials),
      ],
      ['KEYWARD_API_KEY', view.apiKeyFromEnv && `${view.apiKeyFromEnv} (overrides the stored login)`],
    ]),
  );
}

export function configCommands(program: Command): void {
  const config = program.command('config').description('The CLI’s own configuration');
  readCommand(
    config,
    'show',
    'Show the config directory, the server URL and the stored login, secrets masked',
  ).action(show);
}
