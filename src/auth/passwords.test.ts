import { describe, expect, it } from 'vitest';
import { KeywardError } from '../errors.js';
import { hashPassword, PasswordHasher, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verify what they hashed, and nothing else, an unknown user included', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await verifyPassword('correct horse', null)).toBe(false);
  });

  it('run a bounded number at once, queue a bounded number, and refuse the rest with 503 at once', async () => {
    const hasher = new PasswordHasher(2, 3);
    const hash = await hashPassword('pw');
    const settled = await Promise.allSettled(Array.from({ length: 8 }, () => hasher.verify('pw', hash)));
    const refused = settled.filter((s) => s.status === 'rejected');
    expect(settled.filter((s) => s.status === 'fulfilled' && s.value === true)).toHaveLength(5);
    expect(refused).toHaveLength(3);
    const reason = (refused[0] as PromiseRejectedResult).reason as KeywardError;
    expect(reason).toBeInstanceOf(KeywardError);
    expect([reason.code, reason.status, reason.headers['retry-after']]).toEqual(['UNAVAILABLE', 503, '1']);
    // Once the burst is over, every slot is free again.
    expect(await Promise.all(Array.from({ length: 5 }, () => hasher.verify('pw', hash)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
