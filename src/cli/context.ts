import { KeywardClient } from '../client/client.js';
import { apiKeyCredentials, type Credentials } from '../client/transport.js';
import { LoginStore, type StoredLogin } from './credentials.js';
import { type CliEnv, readEnv } from './env.js';
import { CliError, UsageError } from './errors.js';
import { isTokens, TokenSession } from './session.js';

export interface UrlFlag {
  url?: string;
}

/** Where the server URL came from, for `config show` and for messages. */
export type UrlSource = '--url' | 'KEYWARD_URL' | 'stored login';

export interface Target {
  env: CliEnv;
  store: LoginStore;
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

/** The server to talk to: `--url`, else `KEYWARD_URL`, else the stored login's. */
export function target(flags: UrlFlag): Target {
  const env = readEnv();
  const store = new LoginStore(env);
  const login = store.login();
  const [url, urlSource]: [string | undefined, UrlSource] = flags.url
    ? [flags.url, '--url']
    : env.url
      ? [env.url, 'KEYWARD_URL']
      : [login?.url, 'stored login'];
  return { env, store, login, url: url ? checkUrl(url) : null, urlSource: url ? urlSource : null };
}

export function requireUrl(where: Target): string {
  if (where.url) return where.url;
  throw new UsageError('no server: pass --url, set KEYWARD_URL, or run "keyward login --url <url>" first');
}

/**
 * A client for the server, with the credentials of `KEYWARD_API_KEY` or else of the stored login. The
 * stored login's secret goes only to the server it was issued by, never to another URL.
 */
export async function connect(flags: UrlFlag): Promise<KeywardClient> {
  const where = target(flags);
  const url = requireUrl(where);
  const { env, store, login } = where;
  let credentials: Credentials;
  if (env.apiKey) credentials = apiKeyCredentials(env.apiKey);
  else if (!login)
    throw new CliError(`not logged in: run "keyward login --url ${url}", or set KEYWARD_API_KEY`);
  else if (login.url !== url) {
    throw new CliError(
      `not logged in to ${url} (the stored login is for ${login.url}): run "keyward login --url ${url}", or set KEYWARD_API_KEY`,
    );
  } else {
    const secret = await store.secret(login);
    credentials = isTokens(secret)
      ? new TokenSession(store, login, secret)
      : apiKeyCredentials(secret.apiKey);
  }
  return new KeywardClient(url, credentials);
}
