import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { readStdin } from './prompt.js';

/** The one warning about a key given as an argument. It never repeats the key. */
const KEY_ARGUMENT_WARNING =
  'keyward: warning: a key given on the command line can be read by other users of this machine (ps, shell history); use --api-key-stdin instead\n';

export interface ApiKeyFlags {
  apiKey?: string;
  apiKeyStdin?: boolean;
}

/**
 * Adds `--api-key <key>` and `--api-key-stdin` to a command. A key given as an argument is in the
 * process list and the shell history already, so the warning comes as soon as commander reads it,
 * before the command does anything else, and even when it then fails.
 * @example apiKeyOptions(command, 'log in with this API key').action(login);
 */
export function apiKeyOptions(command: Command, help: string): Command {
  let warned = false;
  return command
    .option('--api-key <key>', `${help}; others on this machine can read it: prefer --api-key-stdin`)
    .option('--api-key-stdin', 'read the key of --api-key from standard input instead')
    .on('option:api-key', () => {
      if (!warned) process.stderr.write(KEY_ARGUMENT_WARNING);
      warned = true;
    });
}

/** The key of `--api-key`, or of standard input (trimmed) with `--api-key-stdin`; undefined without either. */
export async function apiKeyFrom(flags: ApiKeyFlags): Promise<string | undefined> {
  if (flags.apiKey !== undefined && flags.apiKeyStdin)
    throw new UsageError('give one of --api-key and --api-key-stdin');
  if (!flags.apiKeyStdin) return flags.apiKey;
  const key = (await readStdin()).trim();
  if (!key) throw new UsageError('standard input is empty: pipe the API key in');
  return key;
}
