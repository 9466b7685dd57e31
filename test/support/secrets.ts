import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRETS_DIR } from './paths.js';

const file = join(SECRETS_DIR, `${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
const seen = new Set<string>();

/** Records a secret the suite used: a key, a token or a password that must never reach a log. */
export function rememberSecret(secret: unknown): void {
  if (typeof secret !== 'string' || secret.length < 8 || seen.has(secret)) return;
  seen.add(secret);
  appendFileSync(file, `${JSON.stringify(secret)}\n`);
}

// `token`: a connect link's secret (`kwc_…`), which only its maker sees, once.
const SECRET_FIELDS = ['apiKey', 'accessToken', 'refreshToken', 'password', 'key', 'token', 'secret'];

/** Remembers every secret-bearing field of a request or response body, at any depth. */
export function rememberSecretsIn(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) rememberSecretsIn(item);
  } else if (value && typeof value === 'object') {
    for (const [field, inner] of Object.entries(value)) {
      if (SECRET_FIELDS.includes(field)) rememberSecret(inner);
      if (field === 'keys' && Array.isArray(inner)) for (const k of inner) rememberSecret(k);
      // A connection's credentials are secret whatever their fields are called.
      if (field === 'credentials' && inner && typeof inner === 'object')
        for (const secret of Object.values(inner)) rememberSecret(secret);
      rememberSecretsIn(inner);
    }
  }
}
