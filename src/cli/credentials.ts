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

/**
 * The one stored login of this user: `config.json` (url, who, which store) in the config directory,
 * and its secret in the OS keychain or, where there is none, in `credentials.json` with mode 0600.
 */
export class LoginStore {
  readonly dir: string;
  readonly configFile: string;
  readonly secretFile: string;
  private readonly env: CliEnv;

  constructor(env: CliEnv) {
    this.env = env;
    this.dir = env.configDir;
    this.configFile = join(this.dir, 'config.json');
    this.secretFile = join(this.dir, 'credentials.json');
  }

  login(): StoredLogin | null {
    if (!existsSync(this.configFile)) return null;
    try {
      return (JSON.parse(readFileSync(this.configFile, 'utf8')) as { login?: StoredLogin }).login ?? null;
    } catch {
      throw new CliError(`cannot read ${this.configFile}; run "keyward login" again`);
    }
  }

  async secret(login: StoredLogin): Promise<Secret> {
    try {
      const text =
        login.store === 'keychain'
          ? await keychain('get', login.url)
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

  /** Stores a new login in place of any other: the secret in the keychain if it takes it, else the file. */
  async save(login: Omit<StoredLogin, 'store'>, secret: Secret): Promise<Saved> {
    const previous = this.safeLogin();
    if (previous) await this.forgetSecret(previous);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    let reason = keychainAbsent(this.env);
    if (reason === null) {
      try {
        await keychain('set', login.url, JSON.stringify(secret));
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
    }
    const store = reason === null ? 'keychain' : 'file';
    if (store === 'file') writePrivate(this.secretFile, secret);
    writePrivate(this.configFile, { login: { ...login, store } });
    const where =
      store === 'keychain' ? `the OS keychain (service "keyward", account "${login.url}")` : this.secretFile;
    return { store, where, reason };
  }

  /** Replaces the secret of the stored login where it lives: after a refresh rotated the tokens. */
  async update(login: StoredLogin, secret: Secret): Promise<void> {
    if (login.store === 'file') writePrivate(this.secretFile, secret);
    else await keychain('set', login.url, JSON.stringify(secret));
  }

  /** Forgets the stored login and its secret. */
  async forget(login: StoredLogin): Promise<void> {
    await this.forgetSecret(login);
    rmSync(this.configFile, { force: true });
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

  private async forgetSecret(login: StoredLogin): Promise<void> {
    rmSync(this.secretFile, { force: true });
    if (login.store === 'keychain') {
      try {
        await keychain('delete', login.url);
      } catch (error) {
        if (!(error instanceof KeychainError)) throw error;
      }
    }
  }
}
