import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { headerFlags } from '../args.js';
import { clientCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { readStdinBytes } from '../prompt.js';
import { checkId } from '../resolve.js';

/** The methods the proxy passes on. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Headers a caller cannot give: `Authorization` carries the caller's own credentials to Keyward, and
 * Keyward adds the connection's for the provider; the others Keyward reads or sets itself.
 */

interface ProxyFlags extends UrlFlag {
  data?: string;
  header?: string[];
}

/** The provider's path, with `/` first; dot segments, which could climb out of the proxy, are refused. */
function targetFrom(path: string): string {
  const target = path.startsWith('/') ? path : `/${path}`;
  const pathname = target.split('?')[0] ?? '';
  if (target.includes('#')) throw new UsageError('the path may not hold a fragment (#)');
  if (pathname.includes('\\') || pathname.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment)))
    throw new UsageError(
      "the path may not hold . or .. segments or backslashes: it stays under the provider's base URL",
    );
  return target;
}

/** `--data <text>`, `--data @file`, or `--data -` (or curl's `@-`) for standard input. */
async function dataFrom(data: string | undefined): Promise<Buffer | undefined> {
  if (data === undefined) return undefined;
  if (data === '-' || data === '@-') return readStdinBytes(64 << 20);
  if (!data.startsWith('@')) return Buffer.from(data, 'utf8');
  try {
    return readFileSync(data.slice(1));
  } catch (error) {
    throw new UsageError(`cannot read ${data.slice(1)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * Sends one request to the provider through the connection, prints the provider's status on stderr and
 * its answer's body on stdout, as it came. A status of 400 or more exits 1; Keyward's own refusals (an
 * unknown connection, a provider it cannot reach) are errors like any command's.
 */
async function proxy(id: string, method: string, path: string, flags: ProxyFlags): Promise<void> {
  const verb = method.toUpperCase();
  if (!METHODS.includes(verb)) throw new UsageError(`the method must be one of ${METHODS.join(', ')}`);
  const target = targetFrom(path);
  const headers = headerFlags(
    flags.header ?? [],
    "Keyward sends your credentials and adds the connection's itself",
  );
  const body = await dataFrom(flags.data);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const client = await connect(flags);
  const answer = await client.proxy(checkId('con', 'the connection id', id), verb, target, {
    headers,
    ...(body === undefined ? {} : { body }),
  });
  process.stdout.write(answer.body);
  process.stderr.write(`The provider answered ${answer.status}.\n`);
  if (answer.status >= 400) process.exitCode = 1;
}

export function proxyCommand(group: Command): void {
  clientCommand(
    group,
    'proxy <id> <method> <path>',
    "Send a request to the provider with the connection's credential, and print its answer",
  )
    .option('--data <body>', 'the request body: text, @file, or - for standard input (default type JSON)')
    .option(
      '-H, --header <header>',
      "a header for the provider, 'name: value' (repeat)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      `
<method> is GET, POST, PUT, PATCH or DELETE; <path> is the provider's path, with its query:
  keyward connection proxy con_… GET '/web/api/v2.1/sites?limit=1'
The answer's body goes to stdout as it came, and its status to stderr. Exit codes: 0 for an answer
below 400, 1 for one of 400 or more, or an error, 2 usage. Keyward adds the credential; Authorization
cannot be given.`,
    )
    .action(proxy);
}
