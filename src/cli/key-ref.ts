import type { ApiKey, KeywardClient } from '@keyward/client';
import { Argument } from 'commander';
import { inspectKey } from '../keys/format.js';
import { UsageError } from './errors.js';
import { readSecret } from './prompt.js';

/** A key as a command names it: by id (or the path `grant` prints), by the key itself, or `-` for stdin. */
export type KeyRef = { id: string } | { key: string } | { stdin: true };

/** The warning about a key given as an argument, as `--api-key` has its own. It never repeats the key. */
const KEY_REF_WARNING =
  'keyward: warning: a key given on the command line can be read by other users of this machine (ps, shell history); give - and pipe the key in instead\n';

const ID = /^key_[0-9A-Za-z]{22}$/;
const PATH = /^\/v1\/apikeys\/(key_[0-9A-Za-z]{22})$/;
const WANTED =
  'give a key id (key_…), its path (/v1/apikeys/key_…), the key itself, or - to read the key from standard input';

/**
 * Reads a key reference. It runs while commander parses, so that a key given as an argument is warned
 * about before anything else, even when the command then fails. A value that is none of the forms is a
 * usage error that does not repeat it: it may be a key with a typo.
 */
export function parseKeyRef(text: string): KeyRef {
  if (text === '-') return { stdin: true };
  if (ID.test(text)) return { id: text };
  const path = PATH.exec(text);
  if (path?.[1]) return { id: path[1] };
  const shape = inspectKey(text);
  if (shape.ok) {
    process.stderr.write(KEY_REF_WARNING);
    return { key: text };
  }
  if (shape.reason === 'checksum')
    throw new UsageError(
      '<key> has the shape of a generated key, but its checksum fails: check it for a typo',
    );
  throw new UsageError(`<key> is not a key reference: ${WANTED}`);
}

/** The `<key>` argument of `info`, `revoke`, `rotate`, `update`, `disable` and `enable`. */
export function keyArgument(): Argument {
  return new Argument(
    '<key>',
    'a key id (key_…), its path (/v1/apikeys/key_…), the key itself, or - to read the key from standard input',
  ).argParser(parseKeyRef);
}

/**
 * The record of the key a reference names. The key itself is looked up by its digest on the server
 * (POST /v1/apikeys/lookup, the key in the body); `-` reads it from a hidden prompt or standard input.
 */
export async function findKey(client: KeywardClient, ref: KeyRef): Promise<ApiKey> {
  if ('id' in ref) return client.getKey(ref.id);
  if ('key' in ref) return client.lookupKey(ref.key);
  const key = (await readSecret('API key')).trim();
  if (!inspectKey(key).ok) throw new UsageError('standard input holds no API key: pipe the key in');
  return client.lookupKey(key);
}

/** The key's id, without a request when the reference is one. */
export async function keyIdOf(client: KeywardClient, ref: KeyRef): Promise<string> {
  return 'id' in ref ? ref.id : (await findKey(client, ref)).id;
}
