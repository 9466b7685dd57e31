/**
 * The request as the guard reads it: a header by its lower-case name, and where the framework has them,
 * Node's raw header list, which alone shows a repeated `Authorization` (Node keeps only the first).
 */
export interface PresentedRequest {
  header(name: 'authorization' | 'x-api-key'): string | undefined;
  rawHeaders?: readonly string[];
}

/**
 * The presented key, none at all, or why the credential headers cannot be used: `ambiguous` when they
 * contradict each other (Keyward's `400`), rather than present a key that is not one (`401`).
 */
export type Credential = { secret: string } | { refused: string; ambiguous?: true } | null;

/** Keyward takes no longer key in a verification (its `LIMITS.presentedKey`). */
const MAX_KEY_LENGTH = 4096;

/**
 * Reads the one API key a request presents, as Keyward reads its own callers': `x-api-key`, or
 * `Authorization: Key …` or `Bearer …`; both at once, or either twice, is refused rather than guessed
 * at. A comma is never part of a key: it is what joins a repeated header into one value.
 *
 * @example readCredential({ header: (name) => headers[name] }) // { secret: 'acme_…' }
 */
export function readCredential(request: PresentedRequest): Credential {
  const repeated = request.rawHeaders ? repeatedHeader(request.rawHeaders) : null;
  if (repeated) return { refused: `${repeated}: must appear at most once`, ambiguous: true };
  const header = request.header('x-api-key');
  const authorization = request.header('authorization');
  if (header !== undefined && authorization !== undefined) {
    return { refused: 'authorization: send either Authorization or x-api-key, not both', ambiguous: true };
  }
  let secret: string;
  if (header !== undefined) secret = header.trim();
  else if (authorization === undefined) return null;
  else {
    const space = authorization.indexOf(' ');
    const scheme = (space === -1 ? authorization : authorization.slice(0, space)).toLowerCase();
    if (scheme !== 'key' && scheme !== 'bearer') {
      return { refused: 'authorization: the scheme must be Key or Bearer' };
    }
    secret = space === -1 ? '' : authorization.slice(space + 1).trim();
  }
  if (secret.includes(',')) return { refused: 'the API key must appear at most once', ambiguous: true };
  if (secret === '' || secret.length > MAX_KEY_LENGTH) return { refused: 'The API key is not valid' };
  return { secret };
}

function repeatedHeader(raw: readonly string[]): string | null {
  let keys = 0;
  let authorizations = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    // Lower-cased only when its length could make it one of the two: this runs on every request.
    if (name.length === 9 && name.toLowerCase() === 'x-api-key') keys++;
    else if (name.length === 13 && name.toLowerCase() === 'authorization') authorizations++;
  }
  if (keys > 1) return 'x-api-key';
  if (authorizations > 1) return 'authorization';
  return null;
}
