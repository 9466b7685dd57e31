import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  /** Signs access tokens. */
  tokenKey: Buffer;
}

/** The failure to read a file, in words: `there is no such file`, `permission denied`, … */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof SyntaxError ? 'it is not JSON' : String((error as Error).message ?? error);
}

/**
 * Reads the data directory's secrets, creating them on first start. The directory is 0700 and the
 * file 0600, and the file is created exclusively so that two first starts cannot overwrite each other.
 * It must run before the store opens: a data directory that holds a database but not its secrets (a
 * partial restore, a tampered directory) is refused, never given new secrets that would silently end
 * every session.
 */
export function loadSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, 'secrets.json');
  const restore =
    'restore it from the backup taken with the database (docs/self-hosting.md, "What to back up")';
  if (!existsSync(file)) {
    if (existsSync(join(dataDir, 'keyward.db')))
      throw new Error(`${file} is missing, but the data directory holds a database: ${restore}`);
    try {
      writeFileSync(file, `${JSON.stringify({ tokenKey: randomBytes(32).toString('base64') })}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  let parsed: { tokenKey?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { tokenKey?: unknown };
    chmodSync(file, 0o600);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${reason(error)}; ${restore}`);
  }
  const tokenKey = Buffer.from(typeof parsed?.tokenKey === 'string' ? parsed.tokenKey : '', 'base64');
  if (tokenKey.length < 32) throw new Error(`${file} holds no valid tokenKey; ${restore}`);
  return { tokenKey };
}
