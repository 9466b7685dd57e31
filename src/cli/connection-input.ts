import type { Provider, ProviderField } from '@keyward/client';
import type { Command } from 'commander';
import { UsageError } from './errors.js';

/**
 * A connection's plain fields, from flags (`--hostname`, `--config name=value`), and what reading its
 * secret ones shares with them. No message here repeats a value, nor a secret field's name as typed: a
 * secret given in the wrong place must not reach the screen.
 */

export interface ConfigFlags {
  hostname?: string;
  config?: string[];
}

/** The option parser of a flag that repeats: each value added to the list. */
export const repeat = (value: string, previous: string[] = []) => [...previous, value];

/** `--hostname <host>` and `--config name=value` (repeated). */
export function configOptions(command: Command): Command {
  return command
    .option('--hostname <host>', "the provider's hostname field, whatever it is called: host or host:port")
    .option('--config <name=value>', 'a plain (non-secret) field of the provider (repeat)', repeat);
}

export function givesConfig(flags: ConfigFlags): boolean {
  return flags.hostname !== undefined || flags.config !== undefined;
}

export const fieldNames = (fields: ProviderField[]) => fields.map((field) => field.name).join(', ') || 'none';
export const fieldTitles = (fields: ProviderField[]) => fields.map((field) => field.title).join(' and ');

/** `name=value` into its two halves; `flag` names the way it came, never the text itself. */
export function pair(text: string, flag: string): [string, string] {
  const at = text.indexOf('=');
  if (at < 1) throw new UsageError(`${flag} takes name=value: one of them has no name or no "="`);
  return [text.slice(0, at).trim(), text.slice(at + 1)];
}

/**
 * The field `name` of the provider's `part`, or a usage error that says where the field belongs. A name
 * that is no field of the provider is repeated only for plain fields: a secret's may be a typo of its value.
 */
export function fieldOf(provider: Provider, part: ProviderField['part'], name: string): ProviderField {
  const field = provider.fields.find((each) => each.name === name);
  if (field?.part === part) return field;
  const own = fieldNames(provider.fields.filter((each) => each.part === part));
  if (field?.part === 'credentials')
    throw new UsageError(
      `${name} is a secret field of ${provider.displayName}: give it by the prompt, --token-stdin or --credentials-stdin, never --config`,
    );
  if (field)
    throw new UsageError(`${name} is a plain field of ${provider.displayName}: give it with --config`);
  if (part === 'credentials')
    throw new UsageError(
      `${provider.displayName} has no secret field by the name given; its secret fields are: ${own}`,
    );
  throw new UsageError(`${provider.displayName} has no field "${name}"; its plain fields are: ${own}`);
}

/**
 * The plain fields, from `current` (an update's) with the flags' changes over it; an empty value removes
 * a field. `--hostname` is the provider's one field of format `hostname`, whatever it is called.
 */
export function configFrom(
  provider: Provider,
  flags: ConfigFlags,
  current: Record<string, string> = {},
): Record<string, string> {
  const config = { ...current };
  const given = new Set<string>();
  const set = (name: string, value: string) => {
    if (given.has(name)) throw new UsageError(`the field ${name} is given twice`);
    given.add(name);
    if (value === '') delete config[name];
    else config[name] = value;
  };
  for (const text of flags.config ?? []) {
    const [name, value] = pair(text, '--config');
    set(fieldOf(provider, 'config', name).name, value);
  }
  if (flags.hostname !== undefined) {
    const hosts = provider.fields.filter((field) => field.part === 'config' && field.format === 'hostname');
    if (hosts.length !== 1 || !hosts[0])
      throw new UsageError(
        `${provider.displayName} has ${hosts.length === 0 ? 'no hostname field' : 'several hostname fields'}: give its fields with --config name=value (${fieldNames(provider.fields.filter((f) => f.part === 'config'))})`,
      );
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(flags.hostname) || flags.hostname.includes('/'))
      throw new UsageError('--hostname takes a host or host:port, without https:// or a path');
    set(hosts[0].name, flags.hostname);
  }
  return config;
}

/** A usage error unless every required plain field has a value. */
export function requireConfig(provider: Provider, config: Record<string, string>): void {
  const missing = provider.fields.filter((f) => f.part === 'config' && !f.optional && !config[f.name]);
  if (missing.length === 0) return;
  const how = missing.map((f) => (f.format === 'hostname' ? '--hostname <host>' : `--config ${f.name}=…`));
  throw new UsageError(
    `${provider.displayName} needs its ${fieldTitles(missing)}: give ${how.join(' and ')}`,
  );
}

/** Whether two sets of plain fields hold the same names with the same values, in any order. */
export function sameConfig(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => Object.hasOwn(b, name) && b[name] === a[name])
  );
}
