import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  /** Signs access tokens. */
  tokenKey: Buffer;
}

/**
 * Reads the data directory's secrets, creating them on first start. The directory is 0700 and the
 * file 0600, and the file is created exclusively so that two first starts cannot overwrite each other.
 */
export function loadSecrets(dataDir: string): Secrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, 'secrets.json');
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${JSON.stringify({ tokenKey: randomBytes(32).toString('base64') })}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { tokenKey?: string };
  const tokenKey = Buffer.from(parsed.tokenKey ?? '', 'base64');
  if (tokenKey.length < 32) throw new Error(`${file} holds no valid tokenKey`);
  return { tokenKey };
}
