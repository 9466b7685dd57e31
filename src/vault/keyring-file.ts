import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeyring, type Keyring } from './keyring.js';
import { decodeKeyMaterial, encodeKeyMaterial, type MasterKey, newMasterKey } from './master-key.js';
import { VaultError } from './vault-error.js';

/** The keyring file's name in the data directory. */
export const KEYRING_FILE = 'vault.json';

const FILE_VERSION = 1;
const ID = /^mk_[A-Za-z0-9_-]{16}$/;

export interface LoadedKeyring {
  readonly keyring: Keyring;
  readonly file: string;
  /** Whether this call created the file (a first start). */
  readonly created: boolean;
}

/**
 * The keyring of a deployment on one machine: `vault.json` in the data directory, created with one active
 * key on the first start. The directory is made 0700 and the file 0600. Creation publishes a complete,
 * synced file under its name with `link(2)`, which fails rather than replace: of several first starts at
 * once, one creates the file and every other reads it. Pass `create: false` when the store already holds
 * sealed records, so that a lost file is reported (`KEYRING_MISSING`) rather than replaced by a new key
 * that opens nothing. Throws `KEYRING_UNREADABLE` or `INVALID_KEYRING` for a file that cannot be used.
 */
export async function loadKeyringFile(
  dataDir: string,
  options: { create?: boolean; now?: Date } = {},
): Promise<LoadedKeyring> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  const file = join(dataDir, KEYRING_FILE);
  let created = false;
  let text = await readKeyringText(file);
  if (text === null) {
    if (options.create === false) {
      throw new VaultError(
        'KEYRING_MISSING',
        `${file} is missing, and sealed records exist: restore it from a backup`,
      );
    }
    const fresh = createKeyring([newMasterKey('active', options.now)]);
    created = await publish(dataDir, file, serializeKeyringFile(fresh), 'create');
    text = created ? serializeKeyringFile(fresh) : await readKeyringText(file);
    if (text === null) throw new VaultError('KEYRING_UNREADABLE', `${file} vanished while it was created`);
  }
  try {
    await chmod(file, 0o600);
  } catch (error) {
    throw new VaultError('KEYRING_UNREADABLE', `${file} cannot be set to 0600 (${errno(error)})`);
  }
  return { keyring: parseKeyringFile(text, file), file, created };
}

/**
 * Replaces `vault.json` with `keyring` atomically (a synced temporary file renamed over it, then the
 * directory synced), so that a crash leaves the old keyring or the new one, never a mix. Call it after
 * `addMasterKey` and `retire`, before using the new keyring: a record must never be sealed under a key
 * that is not yet on disk. One process owns the file; rotations in it must not run concurrently.
 */
export async function saveKeyringFile(dataDir: string, keyring: Keyring): Promise<void> {
  await publish(dataDir, join(dataDir, KEYRING_FILE), serializeKeyringFile(keyring), 'replace');
}

async function readKeyringText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new VaultError('KEYRING_UNREADABLE', `${file} cannot be read (${errno(error)})`);
  }
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'unknown error';

/**
 * Writes `text` to `file` through a synced 0600 temporary file. `replace` renames it over the file;
 * `create` links it, which never replaces, and answers false when the file already existed.
 */
async function publish(
  dir: string,
  file: string,
  text: string,
  mode: 'create' | 'replace',
): Promise<boolean> {
  const temp = join(dir, `.${KEYRING_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let published = true;
  try {
    await writeSynced(temp, text);
    if (mode === 'replace') await rename(temp, file);
    else published = await linkOnce(temp, file, text);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dir);
  return published;
}

async function writeSynced(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where the file system has no hard links, an exclusive create is the next best thing: it never replaces. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

async function linkOnce(temp: string, file: string, text: string): Promise<boolean> {
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (!NO_LINKS.has(errno(error))) throw error;
  }
  try {
    await writeSynced(file, text);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's JSON: `{"version":1,"keys":[{id, state, createdAt, key} | {id, "retired", createdAt, retiredAt}]}`. */
export function serializeKeyringFile(keyring: Keyring): string {
  const keys = keyring.keys.map((entry) =>
    entry.state === 'retired'
      ? { id: entry.id, state: entry.state, createdAt: entry.createdAt, retiredAt: entry.retiredAt }
      : { id: entry.id, state: entry.state, createdAt: entry.createdAt, key: encodeKeyMaterial(entry.key) },
  );
  return `${JSON.stringify({ version: FILE_VERSION, keys }, null, 2)}\n`;
}

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The keyring a file's text holds. Throws `INVALID_KEYRING`, naming `file` and the entry, never a key. */
export function parseKeyringFile(text: string, file = KEYRING_FILE): Keyring {
  const corrupt = (why: string) =>
    new VaultError('INVALID_KEYRING', `${file} is corrupted (${why}): restore it from a backup`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  const root = json as { version?: unknown; keys?: unknown } | null;
  if (typeof root !== 'object' || root === null) throw corrupt('not an object');
  if (root.version !== FILE_VERSION) throw corrupt('an unknown version');
  if (!Array.isArray(root.keys)) throw corrupt('no list of keys');
  const keys = root.keys.map((raw: unknown, index): MasterKey => {
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const where = `key ${index + 1}`;
    if (typeof entry.id !== 'string' || !ID.test(entry.id)) throw corrupt(`${where} has no valid id`);
    const createdAt = entry.createdAt ?? null;
    if (createdAt !== null && !isDate(createdAt)) throw corrupt(`${where} has an invalid createdAt`);
    if (entry.state === 'retired') {
      if (!isDate(entry.retiredAt)) throw corrupt(`${where} has an invalid retiredAt`);
      return { id: entry.id, state: 'retired', createdAt, retiredAt: entry.retiredAt };
    }
    if (entry.state !== 'active' && entry.state !== 'decrypt-only')
      throw corrupt(`${where} has an invalid state`);
    const decoded = typeof entry.key === 'string' ? decodeKeyMaterial(entry.key) : null;
    if (decoded === null || !decoded.ok)
      throw corrupt(`the material of ${where} ${decoded?.reason ?? 'is missing'}`);
    return { id: entry.id, state: entry.state, key: decoded.key, createdAt };
  });
  try {
    return createKeyring(keys);
  } catch (error) {
    throw error instanceof VaultError ? corrupt(error.message) : error;
  }
}
