import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { KeywardError } from '../errors.js';

const N = 16384;
const R = 8;
const P = 1;
const LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, with the parameters kept so that they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A well-formed hash that no password matches, so that an unknown username costs as much as a wrong password. */
const DECOY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(LENGTH).toString('base64')}`;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, n, r, p, salt, expected] = (stored ?? DECOY).split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !expected) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  const wanted = Buffer.from(expected, 'base64');
  return actual.length === wanted.length && timingSafeEqual(actual, wanted) && stored !== null;
}

/**
 * scrypt with bounded concurrency: at most `concurrency` hashes at once (each takes tens of
 * milliseconds on libuv's small thread pool), and at most `queued` waiting. A burst beyond that gets
 * `503` at once rather than queueing without bound, so that sign-ins cannot starve the server.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency = 4,
    private readonly queued = 64,
  ) {}

  hash(password: string): Promise<string> {
    return this.run(() => hashPassword(password));
  }

  verify(password: string, stored: string | null): Promise<boolean> {
    return this.run(() => verifyPassword(password, stored));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length >= this.queued) {
      throw new KeywardError('UNAVAILABLE', 'Too many password checks at once; retry shortly', {
        'retry-after': '1',
      });
    } else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // A waiting check takes this one's place; the count changes only when none waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
