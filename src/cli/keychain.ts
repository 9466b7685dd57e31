import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliEnv } from './env.js';

const SERVICE = 'keyward';
/** Long enough for a keychain that is there, short enough not to look hung when it is not. */
const TIMEOUT_MS = 5000;
const WORKER = fileURLToPath(new URL('./keychain-worker.js', import.meta.url));

export class KeychainError extends Error {}

/**
 * Why there is certainly no OS keychain, or null when there may be one. On Linux the keychain is a
 * Secret Service on the D-Bus session bus; without a session bus there is nothing to ask.
 */
export function keychainAbsent(env: CliEnv): string | null {
  if ((process.platform === 'linux' || process.platform === 'freebsd') && !env.dbusAddress)
    return 'no D-Bus session for a Secret Service (DBUS_SESSION_BUS_ADDRESS is not set)';
  return null;
}

/**
 * Gets, sets or deletes the secret stored under `account` in the OS keychain, through
 * `keychain-worker.js`. Throws `KeychainError` when the keychain fails or does not answer in time.
 */
export function keychain(
  op: 'get' | 'set' | 'delete',
  account: string,
  secret?: string,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new KeychainError(`the OS keychain did not answer within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new KeychainError(error.message));
    });
    child.once('close', () => {
      clearTimeout(timer);
      try {
        const answer = JSON.parse(out) as { ok: boolean; value?: string | null; error?: string };
        if (answer.ok) resolve(answer.value ?? null);
        else reject(new KeychainError(answer.error ?? 'the OS keychain failed'));
      } catch {
        reject(new KeychainError('the OS keychain helper gave no answer'));
      }
    });
    child.stdin.end(JSON.stringify({ op, service: SERVICE, account, secret }));
  });
}
