import { writeFileSync } from 'node:fs';
import type { AuditQuery } from '@keyward/client';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type ExportCheck, verifyExport } from '../../audit-export.js';
import { parseDuration, positiveInt } from '../args.js';
import { clientCommand, readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, readNamedFile, UsageError } from '../errors.js';
import { type ListFlags, noHeadersOption, printList, write } from '../output.js';
import { actorId, orgId } from '../resolve.js';

interface FilterFlags extends UrlFlag {
  org?: string;
  action?: string;
  actor?: string;
  target?: string;
  since?: string;
  until?: string;
}

/** A time: ISO 8601, or a duration meaning that long ago (`--since 1h`). */
function parseTime(text: string): string {
  if (/^\d+[smhdw]$/.test(text)) return new Date(Date.now() - parseDuration(text) * 1000).toISOString();
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(ms))
    throw new InvalidArgumentError(
      'give an ISO 8601 time (2025-01-31T12:00:00Z) or a duration ago (24h, 7d)',
    );
  return new Date(ms).toISOString();
}

function filterOptions(command: Command): Command {
  return command
    .addOption(new Option('--org <org>', 'only this organization (id, name or key prefix)'))
    .option('--action <action>', 'only this action, such as apikey.revoked')
    .option('--actor <who>', 'only what this user or service user (name or id) or connect link (cns_…) did')
    .option('--target <id>', 'only what was done to this object')
    .addOption(
      new Option('--since <time>', 'from this time (ISO 8601, or a duration ago: 24h)').argParser(parseTime),
    )
    .addOption(new Option('--until <time>', 'up to this time').argParser(parseTime));
}

async function query(flags: FilterFlags) {
  const client = await connect(flags);
  const org = flags.org === undefined ? undefined : await orgId(client, flags.org);
  const filter: AuditQuery = {
    orgId: org,
    action: flags.action,
    actorId: flags.actor === undefined ? undefined : await actorId(client, org, flags.actor),
    targetId: flags.target,
    since: flags.since,
    until: flags.until,
  };
  return { client, filter };
}

async function list(flags: FilterFlags & ListFlags & { limit: number }): Promise<void> {
  const { client, filter } = await query(flags);
  const entries = await client.listAudit(filter, flags.limit);
  await printList(
    flags.format,
    entries,
    [
      ['seq', (e) => e.seq],
      ['at', (e) => e.at],
      ['action', (e) => e.action],
      ['outcome', (e) => e.outcome],
      ['actor', (e) => e.actorId],
      ['target', (e) => e.targetId],
      ['org', (e) => e.orgId],
    ],
    'audit entries',
    { headers: flags.headers },
  );
}

async function exportLog(flags: FilterFlags & { output?: string }): Promise<void> {
  const { client, filter } = await query(flags);
  const lines = await client.exportAudit(filter);
  if (flags.output) writeFileSync(flags.output, lines);
  else process.stdout.write(lines);
}

function parseLines(text: string, source: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new CliError(`line ${i + 1} of ${source} is not JSON`);
      }
    });
}

type VerifyFlags = FilterFlags & { file?: string; server?: boolean };

const FILTERS = ['org', 'action', 'actor', 'target', 'since', 'until'] as const;

/** The lines to check, and what to call them: a saved export, or the server's under the filters. */
async function exportToVerify(flags: VerifyFlags): Promise<{ lines: unknown[]; source: string }> {
  if (flags.file) {
    if (FILTERS.some((name) => flags[name] !== undefined))
      throw new UsageError('give --file or filters, not both: a saved export was filtered when it was taken');
    return { lines: parseLines(readNamedFile(flags.file), flags.file), source: flags.file };
  }
  const { client, filter } = await query(flags);
  if (!filter.orgId && !(await client.me()).clusterAdmin)
    throw new UsageError(
      "only cluster admins read the whole log; pass --org to check one organization's entries",
    );
  return { lines: parseLines(await client.exportAudit(filter), 'the export'), source: 'the export' };
}

/** Why an export does not hold, in one line. */
function brokenBecause(check: Extract<ExportCheck, { ok: false }>, source: string): string {
  const entry = `the audit chain is broken at entry ${check.brokenAt}`;
  switch (check.problem) {
    case 'start':
      return `${source} does not begin with the start line of a Keyward audit export: it is not one, or its first line was removed`;
    case 'link':
      return `${entry}: it does not link to the entry before it`;
    case 'hash':
      return `${entry}: its hash does not match its content`;
    case 'order':
      return `${source} is out of order at entry ${check.brokenAt}: an entry was moved`;
    case 'cut':
      return `${source} is cut short: its end line is missing`;
    case 'after-end':
      return `${source} goes on after its end line`;
    case 'end':
      return check.end && check.end.count !== check.count
        ? `${source} does not match its end line: it holds ${check.count} entries, and its end line counts ${check.end.count}`
        : `${source} does not match its end line: its last entry is not the one the end line names`;
  }
}

/**
 * Checks an export on its own, as the server gives it under the filters or as it was saved: each entry's
 * hashes, each link along the chain it follows (an organization's own, for one organization's export),
 * and its start and end lines, so that an edited entry, a removed line or a lost tail shows.
 */
async function verify(flags: VerifyFlags): Promise<void> {
  if (flags.server) return verifyInStore(flags);
  const { lines, source } = await exportToVerify(flags);
  const check = await verifyExport(
    (async function* () {
      yield* lines;
    })(),
  );
  if (!check.ok) throw new CliError(brokenBecause(check, source));
  const { count, start } = check;
  if (!start.linked)
    write(
      `The export's ${count} entries hold, each against its hashes, and its end line counts them; ` +
        'the filter left out the entries that link them, so their links were not checked.',
    );
  else if (start.chain === 'organization')
    write(`The organization's audit chain holds: ${count} entries, each linked to the one before it.`);
  else write(`The audit chain holds: ${count} entries, each linked to the one before it.`);
}

/**
 * Asks the server to walk its chain in the store (`GET /v1/audit/verify`): the whole log's, or with
 * `--org` one organization's. Nothing is downloaded, so the answer is the server's word.
 */
async function verifyInStore(flags: VerifyFlags): Promise<void> {
  if (flags.file !== undefined || FILTERS.some((name) => name !== 'org' && flags[name] !== undefined))
    throw new UsageError('--server takes --org alone: the server walks a whole chain');
  const client = await connect(flags);
  const check = await client.verifyAuditChain(
    flags.org === undefined ? undefined : await orgId(client, flags.org),
  );
  const holds = check.chain === 'organization' ? "The organization's audit chain" : 'The audit chain';
  if (!check.ok) {
    const { seq, id, at } = check.firstBad;
    const why =
      check.reason === 'hash'
        ? 'its hash does not match its content'
        : 'it does not link to the entry before it';
    const broken = check.chain === 'organization' ? "the organization's audit chain" : 'the audit chain';
    throw new CliError(`${broken} in the store is broken at entry ${seq} (${id}, ${at}): ${why}`);
  }
  write(
    `${holds} holds in the store: ${check.count} entries, each linked to the one before it. ` +
      `The last hash is ${check.lastHash ?? 'none (the chain is empty)'}.`,
  );
}

export function auditCommands(program: Command): void {
  const group = program.command('audit').description('Read, export and verify the audit log');
  filterOptions(readCommand(group, 'list', 'List audit entries, newest first'))
    .addOption(new Option('--limit <n>', 'at most this many entries').argParser(positiveInt).default(50))
    .addOption(noHeadersOption())
    .action(list);
  filterOptions(clientCommand(group, 'export', 'Export the audit log as JSON Lines, oldest first'))
    .option('--output <file>', 'write to this file instead of stdout')
    .action(exportLog);
  filterOptions(clientCommand(group, 'verify', 'Check the tamper-evident hash chain of the audit log'))
    .option('--file <file>', 'check an export saved earlier, offline, instead of asking the server')
    .option('--server', 'have the server walk its chain in the store, with no export (takes --org alone)')
    .action(verify);
}
