import type { Provider, ProviderField } from '@keyward/client';
import type { Command } from 'commander';
import { fieldNames, fieldOf, fieldTitles, pair, repeat } from './connection-input.js';
import { UsageError } from './errors.js';
import { plural } from './output.js';
import { readSecrets, readStdin } from './prompt.js';

/**
 * A connection's secret fields, by the SentinelOne seed's three ways: a hidden prompt on a terminal, a
 * pipe (standard input whenever it is not a terminal), or a parameter, which is warned about.
 */

export interface SecretFlags {
  token?: string;
  tokenStdin?: boolean;
  credential?: string[];
  credentialsStdin?: boolean;
}

const warning = (what: string, instead: string) =>
  `keyward: warning: ${what} given on the command line can be read by other users of this machine (ps, shell history); use ${instead} instead\n`;
const TOKEN_WARNING = warning('a token', '--token-stdin or the prompt');
const CREDENTIAL_WARNING = warning('a credential', '--credentials-stdin or the prompts');

/** Warns once, as soon as commander reads the flag: before the command does anything, even if it fails. */
function warnOnce(text: string): () => void {
  let warned = false;
  return () => {
    if (!warned) process.stderr.write(text);
    warned = true;
  };
}

/** `--token`, `--token-stdin`, `--credential name=value` (repeated) and `--credentials-stdin`. */
export function secretOptions(command: Command): Command {
  return command
    .option(
      '--token <token>',
      'the secret, as an argument: others on this machine can read it (warned about)',
    )
    .option('--token-stdin', 'read the secret from standard input (the default when it is not a terminal)')
    .option(
      '--credential <name=value>',
      'one secret field by name, for providers with several (repeat); as visible as --token',
      repeat,
    )
    .option('--credentials-stdin', 'read secret fields from standard input, one name=value a line')
    .on('option:token', warnOnce(TOKEN_WARNING))
    .on('option:credential', warnOnce(CREDENTIAL_WARNING));
}

export function givesSecrets(flags: SecretFlags): boolean {
  return Boolean(flags.token !== undefined || flags.tokenStdin || flags.credential || flags.credentialsStdin);
}

/** Secret fields from `--credentials-stdin`: one `name=value` a line; blank lines are skipped. */
async function stdinPairs(): Promise<[string, string][]> {
  const lines = (await readStdin()).split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0)
    throw new UsageError('standard input is empty: pipe the secret fields in, one name=value a line');
  return lines.map((line) => pair(line, 'each line of --credentials-stdin'));
}

/** How to give the missing fields without a terminal. */
function pipeHow(missing: ProviderField[]): string {
  return missing.length === 1
    ? 'pipe it in (or give --token), or run on a terminal to be asked'
    : `pipe them in, one a line in this order: ${fieldNames(missing)} (or name=value lines with --credentials-stdin)`;
}

/**
 * The missing secret fields from standard input when it is not a terminal: the whole of it, less one
 * trailing newline, for one field; one a line, in form order, for several.
 */
async function pipedSecrets(missing: ProviderField[], headline: string): Promise<string[]> {
  const text = (await readStdin()).replace(/\r?\n$/, '');
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.length === missing.length && lines.every((line) => line.trim() !== '')) return lines;
  const found =
    lines.length === 0
      ? 'standard input is empty'
      : lines.length === missing.length
        ? 'a line of standard input is empty'
        : `standard input has ${plural(lines.length, 'line')}, not ${missing.length}`;
  throw new UsageError(`${headline}, and ${found}: ${pipeHow(missing)}`);
}

/**
 * Every secret field the provider requires: from `--credential` and `--credentials-stdin` by name; then
 * `--token` or `--token-stdin` for the one left (SentinelOne's `apiKey`, a BASIC provider's password once
 * the username is given); then, for each still missing, a hidden prompt on a terminal, or standard input
 * when it is not one. `because` says why an update asks for credentials it was not given.
 * @example const credentials = await credentialsFrom(provider, flags); // { apiKey: '…' }
 */
export async function credentialsFrom(
  provider: Provider,
  flags: SecretFlags,
  because?: string,
): Promise<Record<string, string>> {
  if (flags.token !== undefined && flags.tokenStdin)
    throw new UsageError('give one of --token and --token-stdin');
  if (flags.tokenStdin && flags.credentialsStdin)
    throw new UsageError(
      'standard input holds one thing: give --token-stdin or --credentials-stdin, not both',
    );
  const secrets = provider.fields.filter((field) => field.part === 'credentials');
  const values = new Map<string, string>();
  const set = (name: string, value: string) => {
    const field = fieldOf(provider, 'credentials', name);
    if (values.has(field.name)) throw new UsageError(`the field ${field.name} is given twice`);
    if (value.trim() === '') throw new UsageError(`the ${field.title} (${field.name}) is empty`);
    values.set(field.name, value);
  };
  for (const text of flags.credential ?? []) set(...pair(text, '--credential'));
  if (flags.credentialsStdin) for (const [name, value] of await stdinPairs()) set(name, value);

  let token = flags.token;
  if (flags.tokenStdin) {
    token = (await readStdin()).trim();
    if (!token) throw new UsageError('standard input is empty: pipe the token in');
  }
  if (token !== undefined) {
    const open = secrets.filter((field) => !values.has(field.name));
    const required = open.filter((field) => !field.optional);
    const target = required.length > 0 ? required : open;
    if (target.length !== 1 || !target[0])
      throw new UsageError(
        target.length === 0
          ? `every secret field of ${provider.displayName} is given already: the token has none left to fill`
          : `${provider.displayName} has ${target.length} secret fields (${fieldNames(target)}): give all but one with --credential name=value, or all with --credentials-stdin`,
      );
    set(target[0].name, token);
  }

  const missing = secrets.filter((field) => !field.optional && !values.has(field.name));
  if (missing.length === 0) return Object.fromEntries(values);
  const headline = because ?? `no ${fieldTitles(missing)} for ${provider.displayName}`;
  if (flags.tokenStdin || flags.credentialsStdin)
    throw new UsageError(`${headline}, and standard input did not hold it: ${pipeHow(missing)}`);
  let answers: string[];
  if (process.stdin.isTTY) {
    if (because) process.stderr.write(`${because[0]?.toUpperCase()}${because.slice(1)}.\n`);
    answers = await readSecrets(missing.map((field) => ({ label: field.title })));
  } else answers = await pipedSecrets(missing, headline);
  for (const [i, field] of missing.entries()) values.set(field.name, answers[i] ?? '');
  return Object.fromEntries(values);
}
