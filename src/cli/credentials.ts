import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliEnv } from './env.js';
import { CliError } from './errors.js';
import { KeychainError, keychain, keychainAbsent } from './keychain.js';

/** The stored login, minus its secret: what `config.json` holds, in plain text. */
export interface StoredLogin {
  url: string;
  /** `password`: a user signed in and holds a token pair. `api-key`: an API key. */
  kind: 'password' | 'api-key';
  /** Who the credentials authenticate as: the username, or the key owner's name. */
  name: string;
  /** For a key: its prefix and first four characters, to recognise it without the secret. */
  keyHint?: string;
  store: 'keychain' | 'file';
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, ISO 8601. */
  expiresAt: string;
}

/** The secret of a login: a token pair (never the password), or an API key. */
export type Secret = Tokens | { apiKey: string };

/** Where `save` put the secret, and why not in the keychain when it did not. */
export interface Saved {
  store: 'keychain' | 'file';
  where: string;
  reason: string | null;
}

function writePrivate(file: string, value: unknown): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  // The mode of a file left over from a crash would not change with the write: set it.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** One named profile: a login to one server, and the settings that `keyward config set` changes. */
export interface Profile {
  login?: StoredLogin;
  /** The organization that commands use when they need one and neither `--org` nor `KEYWARD_ORG` names one. */
  org?: string;
}

/** What `config.json` holds: every profile, and which one is current. Never a secret. */
export interface ProfileConfig {
  current: string;
  profiles: Record<string, Profile>;
}

/** The profile of a config without profiles, and of the single login that `config.json` held before them. */
export const DEFAULT_PROFILE = 'default';

/** Profile names go into file names and keychain accounts: lower case, digits, `-` and `_`. */
export const isProfileName = (name: string): boolean => /^[a-z0-9][a-z0-9_-]{0,31}$/.test(name);

function parseConfig(text: string): ProfileConfig {
  const value = JSON.parse(text) as Partial<ProfileConfig> & { login?: StoredLogin };
  // Before profiles, config.json held one login (`{login}`): it is the profile `default`.
  if (value.profiles === undefined)
    return {
      current: DEFAULT_PROFILE,
      profiles: value.login ? { [DEFAULT_PROFILE]: { login: value.login } } : {},
    };
  const { current, profiles } = value;
  if (typeof current !== 'string' || !isProfileName(current) || typeof profiles !== 'object' || !profiles)
    throw new TypeError('not a profile config');
  if (!Object.keys(profiles).every(isProfileName)) throw new TypeError('a profile name is not valid');
  return { current, profiles };
}

/**
 * The stored logins of this user, one a profile: `config.json` (each profile's url, who, which store, and
 * settings) in the config directory, and each secret in the OS keychain or, where there is none, in a
 * `credentials*.json` file with mode 0600. The profile `default` keeps the single login's old places,
 * `credentials.json` and the keychain account named by the URL alone, so that they stay readable.
 */
export class LoginStore {
  readonly dir: string;
  readonly configFile: string;
  readonly secretFile: string;
  readonly profile: string;
  private readonly env: CliEnv;

  constructor(env: CliEnv, profile: string = DEFAULT_PROFILE) {
    this.env = env;
    this.profile = profile;
    this.dir = env.configDir;
    this.configFile = join(this.dir, 'config.json');
    const own = profile === DEFAULT_PROFILE ? '' : `-${profile}`;
    this.secretFile = join(this.dir, `credentials${own}.json`);
  }

  /** Every profile and which one is current; an empty config where there is no `config.json`. */
  config(): ProfileConfig {
    if (!existsSync(this.configFile)) return { current: DEFAULT_PROFILE, profiles: {} };
    try {
      return parseConfig(readFileSync(this.configFile, 'utf8'));
    } catch {
      throw new CliError(`cannot read ${this.configFile}; fix or remove it, then run "keyward login" again`);
    }
  }

  login(): StoredLogin | null {
    return this.config().profiles[this.profile]?.login ?? null;
  }

  /** Changes `config.json`; one left with no profile at all is removed, as if never written. */
  edit(change: (config: ProfileConfig) => void): void {
    const config = this.config();
    change(config);
    if (Object.keys(config.profiles).length === 0) {
      rmSync(this.configFile, { force: true });
      return;
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    writePrivate(this.configFile, config);
  }

  /** Changes this profile's settings; a profile left with neither login nor settings is removed. */
  editProfile(change: (profile: Profile) => Profile): void {
    this.edit((config) => {
      const changed = change({ ...config.profiles[this.profile] });
      if (Object.values(changed).some((value) => value !== undefined))
        config.profiles[this.profile] = changed;
      else {
        delete config.profiles[this.profile];
        // A current profile that is gone leaves the current one to be the default again.
        if (config.current === this.profile) config.current = DEFAULT_PROFILE;
      }
    });
  }

  async secret(login: StoredLogin): Promise<Secret> {
    try {
      const text =
        login.store === 'keychain'
          ? await keychain('get', this.account(login.url))
          : existsSync(this.secretFile)
            ? readFileSync(this.secretFile, 'utf8')
            : null;
      if (text) return JSON.parse(text) as Secret;
    } catch (error) {
      if (error instanceof KeychainError) throw new CliError(`cannot read the OS keychain: ${error.message}`);
    }
    const where = login.store === 'keychain' ? 'the OS keychain' : this.secretFile;
    throw new CliError(
      `the stored credentials are missing or unreadable in ${where}; run "keyward login" again`,
    );
  }

  /** Stores a new login in place of the profile's: the secret in the keychain if it takes it, else the file. */
  async save(login: Omit<StoredLogin, 'store'>, secret: Secret): Promise<Saved> {
    const previous = this.safeLogin();
    if (previous) await this.forgetSecret(previous);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const account = this.account(login.url);
    let reason = keychainAbsent(this.env);
    if (reason === null) {
      try {
        await keychain('set', account, JSON.stringify(secret));
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
    }
    const store = reason === null ? 'keychain' : 'file';
    if (store === 'file') writePrivate(this.secretFile, secret);
    this.edit((config) => {
      // The first login, or one while the current profile is gone, makes its profile the current one.
      if (!config.profiles[config.current]) config.current = this.profile;
      config.profiles[this.profile] = { ...config.profiles[this.profile], login: { ...login, store } };
    });
    const where =
      store === 'keychain' ? `the OS keychain (service "keyward", account "${account}")` : this.secretFile;
    return { store, where, reason };
  }

  /** Replaces the secret of the stored login where it lives: after a refresh rotated the tokens. */
  async update(login: StoredLogin, secret: Secret): Promise<void> {
    if (login.store === 'file') writePrivate(this.secretFile, secret);
    else await keychain('set', this.account(login.url), JSON.stringify(secret));
  }

  /** Forgets the profile's login and its secret; its settings stay. */
  async forget(login: StoredLogin): Promise<void> {
    await this.forgetSecret(login);
    this.editProfile(({ login: _, ...settings }) => settings);
  }

  /** Runs `fn` while holding a lock file, so that two processes never spend the same refresh token. */
  async locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = join(this.dir, 'refresh.lock');
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // A lock older than the deadline was left by a process that died holding it.
        if (Date.now() > deadline) rmSync(lock, { force: true });
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    try {
      return await fn();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private safeLogin(): StoredLogin | null {
    try {
      return this.login();
    } catch {
      return null;
    }
  }

  /** The keychain account of this profile's secret: the URL, and for a profile but `default` its name too. */
  private account(url: string): string {
    return this.profile === DEFAULT_PROFILE ? url : `${this.profile}@${url}`;
  }

  private async forgetSecret(login: StoredLogin): Promise<void> {
    rmSync(this.secretFile, { force: true });
    if (login.store === 'keychain') {
      try {
        await keychain('delete', this.account(login.url));
      } catch (error) {
        if (!(error instanceof KeychainError)) throw error;
      }
    }
  }
}
