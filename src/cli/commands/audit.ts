import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { chainHash, verifyChain } from '../../audit-chain.js';
import type { AuditEntry, AuditQuery } from '../../client/types.js';
import { parseDuration, positiveInt } from '../args.js';
import { clientCommand, readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, readNamedFile, UsageError } from '../errors.js';
import { type FormatFlag, printList, write } from '../output.js';
import { orgId } from '../resolve.js';

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
    .option('--actor <id>', 'only what this user, service user or connect link (cns_…) did')
    .option('--target <id>', 'only what was done to this object')
    .addOption(
      new Option('--since <time>', 'from this time (ISO 8601, or a duration ago: 24h)').argParser(parseTime),
    )
    .addOption(new Option('--until <time>', 'up to this time').argParser(parseTime));
}

async function query(flags: FilterFlags) {
  const client = await connect(flags);
  const filter: AuditQuery = {
    orgId: flags.org === undefined ? undefined : await orgId(client, flags.org),
    action: flags.action,
    actorId: flags.actor,
    targetId: flags.target,
    since: flags.since,
    until: flags.until,
  };
  return { client, filter };
}

async function list(flags: FilterFlags & FormatFlag & { limit: number }): Promise<void> {
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
  );
}

async function exportLog(flags: FilterFlags & { output?: string }): Promise<void> {
  const { client, filter } = await query(flags);
  const lines = await client.exportAudit(filter);
  if (flags.output) writeFileSync(flags.output, lines);
  else process.stdout.write(lines);
}

function parseLines(text: string, source: string): AuditEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as AuditEntry;
      } catch {
        throw new CliError(`line ${i + 1} of ${source} is not JSON`);
      }
    });
}

async function entriesToVerify(flags: UrlFlag & { org?: string; file?: string }): Promise<AuditEntry[]> {
  if (flags.file) {
    if (flags.org) throw new UsageError('give --file or --org, not both');
    return parseLines(readNamedFile(flags.file), flags.file);
  }
  const { client, filter } = await query(flags);
  if (!filter.orgId && !(await client.me()).clusterAdmin)
    throw new UsageError(
      "only cluster admins read the whole log; pass --org to check one organization's entries",
    );
  return parseLines(await client.exportAudit(filter), 'the export');
}

/**
 * Checks the tamper-evident chain: the whole log (a cluster admin's, or a saved export) link by link from
 * the first entry; an organization's entries, a subset, each against its own hash.
 */
async function verify(flags: UrlFlag & { org?: string; file?: string }): Promise<void> {
  const entries = await entriesToVerify(flags);
  if (flags.org === undefined) {
    const check = await verifyChain(
      (async function* () {
        yield* entries;
      })(),
    );
    if (!check.ok) {
      const why =
        check.reason === 'link'
          ? 'it does not link to the entry before it'
          : 'its hash does not match its content';
      throw new CliError(`the audit chain is broken at entry ${check.brokenAt}: ${why}`);
    }
    write(`The audit chain holds: ${check.count} entries, each linked to the one before it.`);
    return;
  }
  const bad = entries.find((e) => chainHash(e.prevHash, e.id, e.at, e) !== e.hash);
  if (bad)
    throw new CliError(`the audit chain is broken at entry ${bad.seq}: its hash does not match its content`);
  write(
    `The organization's ${entries.length} entries hold, each against its hash; ` +
      'the links between them run through other organizations, so only the whole log can check those.',
  );
}

export function auditCommands(program: Command): void {
  const group = program.command('audit').description('Read, export and verify the audit log');
  filterOptions(readCommand(group, 'list', 'List audit entries, newest first'))
    .addOption(new Option('--limit <n>', 'at most this many entries').argParser(positiveInt).default(50))
    .action(list);
  filterOptions(clientCommand(group, 'export', 'Export the audit log as JSON Lines, oldest first'))
    .option('--output <file>', 'write to this file instead of stdout')
    .action(exportLog);
  clientCommand(group, 'verify', 'Check the tamper-evident hash chain of the audit log')
    .addOption(
      new Option('--org <org>', "check only this organization's entries (their hashes, not their links)"),
    )
    .option('--file <file>', 'check an export saved earlier, offline, instead of asking the server')
    .action(verify);
}
