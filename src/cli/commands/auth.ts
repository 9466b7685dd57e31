import { apiKeyCredentials, KeywardClient } from '@keyward/client';
import type { Command } from 'commander';
import { inspectKey, keyHint } from '../../keys/format.js';
import { type ApiKeyFlags, apiKeyFrom, apiKeyOptions } from '../api-key-flags.js';
import { clientCommand, profileOption, readCommand } from '../command.js';
import { connect, type ProfileFlag, requireUrl, type Target, target, type UrlFlag } from '../context.js';
import type { Saved } from '../credentials.js';
import { DEFAULT_PROFILE } from '../credentials.js';
import { failure, UsageError } from '../errors.js';
import { type FormatFlag, fields, print, write } from '../output.js';
import { readSecret } from '../prompt.js';
import { isTokens, tokensFrom } from '../session.js';

interface LoginFlags extends UrlFlag, ApiKeyFlags {
  username?: string;
}

/** ` (profile "work")`, after a server's URL; nothing for the profile `default`. */
function ofProfile({ profile }: Target): string {
  return profile.name === DEFAULT_PROFILE ? '' : ` (profile "${profile.name}")`;
}

function storedIn(saved: Saved): string {
  if (saved.store === 'keychain') return `Credentials stored in ${saved.where}.`;
  return `Credentials stored in the file ${saved.where} (mode 0600), not in an OS keychain: ${saved.reason}.`;
}

/** The API key to log in with: the flag, standard input, or a hidden prompt; checked offline first. */
async function loginKey(flags: LoginFlags): Promise<string> {
  const key = (await apiKeyFrom(flags)) ?? (await readSecret('API key'));
  const shape = inspectKey(key);
  if (!shape.ok) throw new UsageError(`that is not a Keyward API key (its ${shape.reason} is wrong)`);
  return key;
}

/** A password login's session on its server, as the stored refresh token names it. */
interface Session {
  url: string;
  refreshToken: string;
}

/** The stored login's session, if it is a password login; an API key login has none to end. */
async function storedSession({ store, login }: Target): Promise<Session | null> {
  if (login?.kind !== 'password') return null;
  try {
    const secret = await store.secret(login);
    return isTokens(secret) ? { url: login.url, refreshToken: secret.refreshToken } : null;
  } catch (error) {
    warnNotEnded(error);
    return null;
  }
}

/**
 * Ends a session on the server, so that its refresh token no longer works. A failure is said and not
 * fatal: the credentials are forgotten locally all the same, and the session ends when its token expires.
 */
async function endSession(session: Session): Promise<void> {
  try {
    await new KeywardClient(session.url).signOut(session.refreshToken);
  } catch (error) {
    warnNotEnded(error);
  }
}

function warnNotEnded(error: unknown): void {
  process.stderr.write(`keyward: could not end the session on the server: ${failure(error).message}\n`);
}

async function login(flags: LoginFlags): Promise<void> {
  const ways = [flags.username, flags.apiKey, flags.apiKeyStdin].filter((way) => way !== undefined);
  if (ways.length > 1) throw new UsageError('give one of --username, --api-key and --api-key-stdin');
  const where = target(flags);
  const url = requireUrl(where);
  // A new login replaces the stored one, whose session would otherwise stay open, unseen, until it expired.
  let replaced: Session | null = null;
  if (flags.username !== undefined) {
    const password = await readSecret('password');
    const pair = await new KeywardClient(url).signIn(flags.username, password);
    replaced = await storedSession(where);
    const saved = await where.store.save({ url, kind: 'password', name: flags.username }, tokensFrom(pair));
    write(`Logged in to ${url}${ofProfile(where)} as ${flags.username}.`);
    write(
      `${storedIn(saved)} The password is not stored: only the access and refresh tokens it was exchanged for.`,
    );
  } else {
    const key = await loginKey(flags);
    const me = await new KeywardClient(url, apiKeyCredentials(key)).me();
    replaced = await storedSession(where);
    const saved = await where.store.save(
      { url, kind: 'api-key', name: me.name, keyHint: keyHint(key) },
      { apiKey: key },
    );
    write(`Logged in to ${url}${ofProfile(where)} as ${me.name}, with the API key ${keyHint(key)}`);
    write(storedIn(saved));
  }
  if (replaced) await endSession(replaced);
}

async function logout(flags: ProfileFlag): Promise<void> {
  const stored = target(flags);
  const { store, login } = stored;
  if (!login) {
    write('Not logged in; nothing to forget.');
    return;
  }
  const session = await storedSession(stored);
  if (session) await endSession(session);
  await store.forget(login);
  const where = login.store === 'keychain' ? 'the OS keychain' : store.secretFile;
  write(`Logged out of ${login.url}${ofProfile(stored)}; the credentials in ${where} are forgotten.`);
}

async function whoami(flags: UrlFlag & FormatFlag): Promise<void> {
  const client = await connect(flags);
  const me = await client.me();
  await print(flags.format, me, () =>
    fields([
      ['Name', me.name],
      ['Kind', me.kind === 'user' ? 'user' : 'service user'],
      ['ID', me.id],
      ['Cluster admin', me.clusterAdmin ? 'yes' : 'no'],
      ['API key', me.keyId],
      ['Organization', me.organizationId],
      ['Key role', me.role],
      ['Server', client.url],
    ]),
  );
}

export function authCommands(program: Command): void {
  const command = clientCommand(
    program,
    'login',
    "Log in and store the credentials as the profile's login: a username and password, or an API key",
  ).option('--username <name>', 'log in as this user; the password is read from a hidden prompt or stdin');
  apiKeyOptions(command, 'log in with this API key')
    .addHelpText(
      'after',
      '\nWithout --username or --api-key, the API key is asked for on a hidden prompt (or read from stdin).',
    )
    .action(login);
  program
    .command('logout')
    .description("End the session and forget the profile's stored credentials; other profiles stay")
    .addOption(profileOption())
    .action(logout);
  readCommand(program, 'whoami', 'Show who the credentials authenticate as').action(whoami);
}
