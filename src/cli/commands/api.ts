import { STATUS_CODES } from 'node:http';
import type { KeywardClient, ProxyAnswer } from '@keyward/client';
import { ApiError } from '@keyward/client';
import { Argument, type Command, InvalidArgumentError } from 'commander';
import { headerFlags } from '../args.js';
import { clientCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, failure, readNamedFile, UsageError } from '../errors.js';
import { write } from '../output.js';
import { readStdinBytes } from '../prompt.js';
import { type Field, fieldsObject, typedValue } from './api-fields.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Headers the command sets itself: the credentials (either form), and what fetch computes. */

interface ApiFlags extends UrlFlag {
  rawField?: string[];
  field?: string[];
  input?: string;
  header?: string[];
  include?: boolean;
  paginate?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `key=value` pairs, in order: `-f` as strings, `-F` typed. */
function fieldsFrom(flags: ApiFlags): Field[] {
  const split = (text: string, typed: boolean): Field => {
    const at = text.indexOf('=');
    if (at < 1) throw new UsageError(`a field is key=value: ${text.slice(0, 40)} has no key or no =`);
    const value = text.slice(at + 1);
    return { key: text.slice(0, at), value: typed ? typedValue(value) : value };
  };
  return [
    ...(flags.rawField ?? []).map((text) => split(text, false)),
    ...(flags.field ?? []).map((text) => split(text, true)),
  ];
}

/** The request: GET's fields go into the query, other methods' into a JSON body, unless --input gives one. */
async function requestFrom(method: string, given: string, flags: ApiFlags) {
  // A path only, as gh api takes it, with or without its leading slash: the server is the logged-in one.
  if (/^[a-z][a-z0-9+.-]*:/i.test(given))
    throw new UsageError('give a path, as in /v1/me, not a URL: keyward sends it to the server you use');
  const path = given.startsWith('/') ? given : `/${given}`;
  if (path.includes('#')) throw new UsageError('the path may not hold a fragment (#)');
  const fields = fieldsFrom(flags);
  const headers = headerFlags(flags.header ?? [], 'keyward sends your credentials itself');
  if (flags.input !== undefined && fields.length > 0)
    throw new UsageError('give the body with --input or with fields, not both');
  if (method === 'GET') {
    if (flags.input !== undefined)
      throw new UsageError('a GET request has no body: give fields, which go into its query');
    const url = new URL(path, 'http://keyward.invalid');
    for (const { key, value } of fields) url.searchParams.append(key, String(value));
    return { target: `${url.pathname}${url.search}`, headers, body: undefined };
  }
  let body: Buffer | undefined;
  if (flags.input === '-') body = await readStdinBytes(16 << 20);
  else if (flags.input !== undefined) body = Buffer.from(readNamedFile(flags.input), 'utf8');
  else if (fields.length > 0) body = Buffer.from(JSON.stringify(fieldsObject(fields)), 'utf8');
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  return { target: path, headers, body };
}

/** The body pretty when it is JSON, else as it came. */
function bodyText(answer: ProxyAnswer): Uint8Array | string {
  const type = answer.headers.get('content-type')?.split(';')[0]?.trim();
  if (type !== 'application/json') return answer.body;
  try {
    return `${JSON.stringify(JSON.parse(new TextDecoder().decode(answer.body)), null, 2)}\n`;
  } catch {
    return answer.body;
  }
}

/** `--include`: the status line and headers, with a session cookie's value left out. */
function head(answer: ProxyAnswer): string {
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trimEnd()];
  for (const [name, value] of answer.headers)
    lines.push(`${name}: ${name === 'set-cookie' ? '(not shown)' : value}`);
  return `${lines.join('\n')}\n\n`;
}

/** Keyward's refusal as the one-line error of every command; anything else by its status. */
function refusal(answer: ProxyAnswer): Error {
  let error: { code?: unknown; message?: unknown; requestId?: unknown } | undefined;
  try {
    error = JSON.parse(new TextDecoder().decode(answer.body))?.error;
  } catch {}
  if (typeof error?.code !== 'string')
    return new CliError(
      `the server answered ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trimEnd(),
    );
  const requestId = typeof error.requestId === 'string' ? error.requestId : null;
  return new ApiError(answer.status, error.code, String(error.message ?? ''), requestId, null);
}

/** Every page's items, following `nextCursor`, as one array; the first refusal stops it. */
async function paginate(client: KeywardClient, target: string, headers: Record<string, string>) {
  const items: unknown[] = [];
  const url = new URL(target, 'http://keyward.invalid');
  for (;;) {
    const answer = await client.request('GET', `${url.pathname}${url.search}`, { headers });
    if (answer.status >= 300) return { answer, items: null };
    let page: { items?: unknown; nextCursor?: unknown } | undefined;
    try {
      page = JSON.parse(new TextDecoder().decode(answer.body));
    } catch {}
    if (!Array.isArray(page?.items))
      throw new CliError(
        `${url.pathname} is not a list: --paginate follows lists that have items and nextCursor`,
      );
    items.push(...page.items);
    if (typeof page.nextCursor !== 'string') return { answer, items };
    url.searchParams.set('cursor', page.nextCursor);
  }
}

async function api(method: string, path: string, flags: ApiFlags): Promise<void> {
  if (flags.paginate && method !== 'GET') throw new UsageError('--paginate follows GET lists only');
  if (flags.paginate && flags.include)
    throw new UsageError('--include shows one answer: it does not go with --paginate');
  const { target, headers, body } = await requestFrom(method, path, flags);
  const client = await connect(flags);
  let answer: ProxyAnswer;
  if (flags.paginate) {
    const pages = await paginate(client, target, headers);
    if (pages.items) return write(JSON.stringify(pages.items, null, 2));
    answer = pages.answer;
  } else answer = await client.request(method, target, { headers, ...(body ? { body } : {}) });
  if (flags.include) process.stdout.write(head(answer));
  process.stdout.write(bodyText(answer));
  if (answer.status < 400) return;
  // Not thrown: main would exit at once, before a long body on a slow pipe is out.
  process.stderr.write(`keyward: ${failure(refusal(answer)).message}\n`);
  process.exitCode = 1;
}

/** `get` as well as `GET`; commander's choices would take only the one spelling. */
function parseMethod(text: string): string {
  const method = text.toUpperCase();
  if (!METHODS.includes(method)) throw new InvalidArgumentError(`give one of ${METHODS.join(', ')}`);
  return method;
}

export function apiCommand(program: Command): void {
  clientCommand(program, 'api', 'Send any request to the API with your credentials, and print its answer')
    // The choices are for --help and completion; the parser after them takes any case.
    .addArgument(new Argument('<method>', 'HTTP method').choices(METHODS).argParser(parseMethod))
    .argument('<path>', 'the path, with its query: /v1/me')
    .option('-f, --raw-field <key=value>', 'a string field (repeat)', collect)
    .option(
      '-F, --field <key=value>',
      'a typed field: a number, true, false, null, or @file (repeat)',
      collect,
    )
    .option('--input <file>', 'the request body from a file, or - for standard input')
    .option('-H, --header <header>', "a request header, 'name: value' (repeat)", collect)
    .option('-i, --include', 'print the status line and headers before the body')
    .option('--paginate', 'GET every page of a list, and print their items as one array')
    .addHelpText(
      'after',
      `
Fields build the JSON body (GET: the query). A key is name, name[key] for an object, or name[] to add
to an array:
  keyward api POST /v1/organizations -f name=Widgets -f keyPrefix=wid
  keyward api POST /v1/organizations/org_…/apikeys -f name=ci -f role=member -f 'scopes[]=apikeys:read'
  keyward api GET /v1/audit -f action=apikey.revoked -F limit=5
The answer goes to stdout, JSON indented. Exit codes: 0 below 400; 1 for 400 or more (the error body
on stdout, one line on stderr) or an error; 2 usage.`,
    )
    .action(api);
}
