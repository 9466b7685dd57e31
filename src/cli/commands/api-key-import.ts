import type { ImportEntry, ImportResult, KeywardClient } from '@keyward/client';
import { ApiError } from '@keyward/client';
import type { Command } from 'commander';
import { orgOption, readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, readNamedFile, UsageError } from '../errors.js';
import { type FormatFlag, plural, print, table } from '../output.js';
import { readStdin } from '../prompt.js';
import { orgId, ownerId } from '../resolve.js';

/** The API takes at most this many entries in one call. */
const BATCH = 1000;

/** Entries from a JSON array, a `{keys: [...]}` body, or JSON Lines; each is checked by the server. */
export function parseEntries(text: string): ImportEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as unknown);
    } catch {
      // The parser's message may quote the input, and the input holds keys: say only what was wrong.
      throw new UsageError(
        'the import file is not JSON: give an array of entries, {"keys": [...]}, or JSON Lines',
      );
    }
  }
  const keys = (value as { keys?: unknown } | null)?.keys;
  const entries = Array.isArray(value) ? value : Array.isArray(keys) ? keys : [value];
  if (
    entries.length === 0 ||
    !entries.every((entry) => entry && typeof entry === 'object' && !Array.isArray(entry))
  )
    throw new UsageError(
      'the import file holds no entries: each entry is an object, as openapi.json describes',
    );
  return entries as ImportEntry[];
}

type Outcome = ImportResult['results'][number];

/** An entry that failed in the CLI, before the server saw it, with the reason in the server's form. */
const failed = (index: number, message: string): Outcome => ({
  index,
  success: false,
  error: { code: 'INVALID_REQUEST', message },
});

/**
 * The owner of each entry as an id: ids pass as they are, names (of members and service users) are
 * looked up once each. An entry whose owner cannot be found fails alone, with the reason.
 */
async function resolveOwners(
  client: KeywardClient,
  org: string,
  entries: ImportEntry[],
): Promise<{ ready: [index: number, entry: ImportEntry][]; failures: Outcome[] }> {
  const ids = new Map<string, Promise<string>>();
  const ready: [number, ImportEntry][] = [];
  const failures: Outcome[] = [];
  for (const [index, entry] of entries.entries()) {
    const ref: unknown = entry.ownerId;
    if (typeof ref !== 'string' || ref.trim() === '') {
      failures.push(
        failed(index, 'ownerId: give the owner: a member by username, a service user by name, or an id'),
      );
      continue;
    }
    if (!ids.has(ref)) ids.set(ref, ownerId(client, org, ref));
    try {
      ready.push([index, { ...entry, ownerId: await (ids.get(ref) as Promise<string>) }]);
    } catch (error) {
      if (!(error instanceof CliError || error instanceof UsageError)) throw error;
      failures.push(failed(index, `ownerId: ${error.message}`));
    }
  }
  return { ready, failures };
}

/** The entry a 400 names (`body.keys[3].role: …`): the server refused the whole call for it. */
function refusedEntry(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const match = /^body\.keys\[(\d+)\]/.exec(error.message);
  return match ? Number(match[1]) : null;
}

/**
 * Imports one call's worth of entries. The server checks the shape of every entry before it imports
 * any, so one malformed entry refuses the call: that entry fails alone, and the call goes again without it.
 */
async function importBatch(
  client: KeywardClient,
  org: string,
  batch: [index: number, entry: ImportEntry][],
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let left = batch;
  while (left.length > 0) {
    try {
      const answer = await client.importKeys(
        org,
        left.map(([, entry]) => entry),
      );
      for (const result of answer.results) outcomes.push({ ...result, index: left[result.index]?.[0] ?? -1 });
      return outcomes;
    } catch (error) {
      const at = refusedEntry(error);
      const refused = at === null ? undefined : left[at];
      if (!refused) throw error;
      outcomes.push(failed(refused[0], (error as ApiError).message.replace(/^body\.keys\[\d+\]\.?/, '')));
      left = left.filter((_, i) => i !== at);
    }
  }
  return outcomes;
}

async function importKeys(file: string, flags: UrlFlag & FormatFlag & { org?: string }): Promise<void> {
  const text = file === '-' ? await readStdin(64 << 20) : readNamedFile(file);
  const entries = parseEntries(text);
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const { ready, failures } = await resolveOwners(client, org, entries);
  const results = [...failures];
  for (let start = 0; start < ready.length; start += BATCH)
    results.push(...(await importBatch(client, org, ready.slice(start, start + BATCH))));
  results.sort((a, b) => a.index - b.index);
  const imported = results.filter((result) => result.success).length;
  const total: ImportResult = { success: true, imported, failed: results.length - imported, results };
  await print(flags.format, total, () =>
    table(
      [
        ['entry', (r) => r.index],
        ['name', (r) => entries[r.index]?.name],
        ['result', (r) => (r.success ? 'imported' : 'failed')],
        ['id', (r) => r.id],
        ['error', (r) => r.error && `${r.error.code}: ${r.error.message}`],
      ],
      total.results,
    ),
  );
  process.stderr.write(
    `Imported ${total.imported} of ${plural(entries.length, 'key')}; ${total.failed} failed.\n`,
  );
  if (total.failed > 0) throw new CliError(`${total.failed} of ${entries.length} entries were not imported`);
}

export function importCommand(group: Command): void {
  readCommand(group, 'import <file>', 'Import keys from another system: plain keys, or SHA-256 digests')
    .addOption(orgOption())
    .addHelpText(
      'after',
      `
<file> is a JSON array of entries (or {"keys": [...]}, or JSON Lines; - reads stdin). Each entry gives
either the plain key or its digest, and the rest of the key's record:
  {"apiKey": "acme_…", "name": "ci", "ownerId": "usr_…", "role": "member"}
  {"hash": "<sha-256, hex or base64>", "prefix": "acme", "hint": "acme_3vQp…", "name": "ci",
   "ownerId": "usr_…", "role": "member", "scopes": ["documents:read"], "expiresAt": null, "meta": {}}
ownerId is an id, or the name of a member or service user. Each entry is imported on its own: one that
fails (an owner not found, a field the server refuses) is reported with its reason, and the others are
imported; the command exits 1 if any failed.`,
    )
    .action(importKeys);
}
