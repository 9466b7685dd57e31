import { apiKeyCredentials, type Credentials, KeywardClient } from '@keyward/client';
import { DEFAULT_PROFILE, isProfileName, LoginStore, type Profile, type StoredLogin } from './credentials.js';
import { type CliEnv, readEnv } from './env.js';
import { CliError, UsageError } from './errors.js';
import type { OrgChoice } from './resolve.js';
import { isTokens, TokenSession } from './session.js';

export interface ProfileFlag {
  profile?: string;
}

export interface UrlFlag extends ProfileFlag {
  url?: string;
}

/** Where the server URL came from, for `config show` and for messages. */
export type UrlSource = '--url' | 'KEYWARD_URL' | 'stored login';

/** Where the profile's name came from: the flag, the environment, or `keyward config use`. */
export type ProfileSource = '--profile' | 'KEYWARD_PROFILE' | 'current';

export interface Target {
  env: CliEnv;
  /** The selected profile's store: its login, its settings, where its secret lives. */
  store: LoginStore;
  profile: { name: string; source: ProfileSource };
  settings: Profile;
  login: StoredLogin | null;
  url: string | null;
  urlSource: UrlSource | null;
}

/** Checks a server URL: http or https, with no credentials or query in it. */
export function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('the server URL is not a URL: give one like http://127.0.0.1:7373');
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password || parsed.search)
    throw new UsageError(
      `the server URL must be http:// or https://, without credentials or query: ${parsed.origin}`,
    );
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** A profile's name as typed, in any case: `Work` is the profile `work`. */
export function checkProfile(name: string, where = 'the profile'): string {
  const lower = name.trim().toLowerCase();
  if (isProfileName(lower)) return lower;
  throw new UsageError(
    `${where} "${name}" is not a profile name: up to 32 letters, digits, - and _, starting with a letter or digit`,
  );
}

/** The profile to use: `--profile`, else `KEYWARD_PROFILE`, else the current one. */
function selectProfile(flags: ProfileFlag, env: CliEnv, current: string): Target['profile'] {
  if (flags.profile !== undefined) return { name: checkProfile(flags.profile), source: '--profile' };
  if (env.profile) return { name: checkProfile(env.profile, 'KEYWARD_PROFILE'), source: 'KEYWARD_PROFILE' };
  return { name: current, source: 'current' };
}

/** The server to talk to: `--url`, else `KEYWARD_URL`, else the selected profile's login's. */
export function target(flags: UrlFlag): Target {
  const env = readEnv();
  const config = new LoginStore(env).config();
  const profile = selectProfile(flags, env, config.current);
  const store = new LoginStore(env, profile.name);
  const settings = config.profiles[profile.name] ?? {};
  const login = settings.login ?? null;
  const [url, urlSource]: [string | undefined, UrlSource] = flags.url
    ? [flags.url, '--url']
    : env.url
      ? [env.url, 'KEYWARD_URL']
      : [login?.url, 'stored login'];
  return {
    env,
    store,
    profile,
    settings,
    login,
    url: url ? checkUrl(url) : null,
    urlSource: url ? urlSource : null,
  };
}

/** `keyward login [--profile <name>] --url <url>`: the command that logs the selected profile in. */
export function loginCommand({ profile }: Target, url: string): string {
  return `keyward login${profile.source === 'current' ? '' : ` --profile ${profile.name}`} --url ${url}`;
}

export function requireUrl(where: Target): string {
  if (where.url) return where.url;
  throw new UsageError(
    `no server: pass --url, set KEYWARD_URL, or run "${loginCommand(where, '<url>')}" first`,
  );
}

/** The organization for commands that need one and are given no `--org`: `KEYWARD_ORG`, else the profile's. */
export function defaultOrg({ env, profile, settings }: Target): OrgChoice | null {
  if (env.org) return { ref: env.org, source: 'KEYWARD_ORG' };
  if (settings.org) return { ref: settings.org, source: `the profile "${profile.name}"` };
  return null;
}

/** A client of the selected profile, and that profile's organization for commands given no `--org`. */
export type CliClient = KeywardClient & { readonly defaultOrg: OrgChoice | null };

/**
 * A client for the server, with the credentials of `KEYWARD_API_KEY` or else of the selected profile's
 * login. A login's secret goes only to the server it was issued by, never to another URL.
 */
export async function connect(flags: UrlFlag): Promise<CliClient> {
  const where = target(flags);
  const url = requireUrl(where);
  const { env, store, login, profile } = where;
  const named =
    profile.source === 'current' && profile.name === DEFAULT_PROFILE ? '' : ` (profile "${profile.name}")`;
  let credentials: Credentials;
  if (env.apiKey) credentials = apiKeyCredentials(env.apiKey);
  else if (!login)
    throw new CliError(`not logged in${named}: run "${loginCommand(where, url)}", or set KEYWARD_API_KEY`);
  else if (login.url !== url) {
    throw new CliError(
      `not logged in to ${url}${named} (the stored login is for ${login.url}): run "${loginCommand(where, url)}", or set KEYWARD_API_KEY`,
    );
  } else {
    const secret = await store.secret(login);
    credentials = isTokens(secret)
      ? new TokenSession(store, login, secret)
      : apiKeyCredentials(secret.apiKey);
  }
  return Object.assign(new KeywardClient(url, credentials), { defaultOrg: defaultOrg(where) });
}
