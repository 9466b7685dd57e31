/**
 * Whether an error means the store's disk is full (SQLite's `SQLITE_FULL`, PostgreSQL's `disk_full`):
 * nothing was written, reads still work, and writes will once an operator frees space.
 */
export function isStoreFull(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_FULL' || code === '53100';
}

/** Network failures of the connection to the store. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
/**
 * PostgreSQL's answers while it is going away or not yet back: administrator or crash shutdown, cannot
 * connect now, too many connections. Class 08 is every connection exception.
 */
const SERVER = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether an error means the store cannot be reached now (a restart, a lost connection, a database too
 * busy to take the lock), rather than that the request was wrong: the answer is then `503`, and the
 * client retries. Drivers say so in several ways; this is the one place that knows them.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK.has(code) || SERVER.has(code) || code.startsWith('08')) return true;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
  }
  // node-postgres reports a connection lost mid-query without a code.
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    error.message,
  );
}
