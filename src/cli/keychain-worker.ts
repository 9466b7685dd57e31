import { Entry } from '@napi-rs/keyring';

/**
 * Runs one keychain operation in a process of its own, so that a keychain that never answers (a D-Bus
 * socket nobody serves, a keyring waiting to be unlocked) costs the CLI a timeout, not a hang: the native
 * calls block their thread. Reads `{op, account, secret?}` as JSON on stdin, writes `{ok, value | error}`.
 */
interface Request {
  op: 'get' | 'set' | 'delete';
  service: string;
  account: string;
  secret?: string;
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request;
try {
  // On Linux only a Secret Service (GNOME Keyring, KWallet) keeps secrets across reboots; the kernel
  // keyring, keyring's other fallback, does not, so it does not count as a keychain.
  const entry = new Entry(request.service, request.account, { linux: { store: 'secret-service' } });
  let value: string | null = null;
  if (request.op === 'set') entry.setPassword(request.secret ?? '');
  else if (request.op === 'get') value = entry.getPassword() ?? null;
  else entry.deletePassword();
  process.stdout.write(JSON.stringify({ ok: true, value }));
} catch (error) {
  process.stdout.write(
    JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}
