import type { Command } from 'commander';
import type { ImportEntry, ImportResult } from '../../client/types.js';
import { orgOption, readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, readNamedFile, UsageError } from '../errors.js';
import { type FormatFlag, plural, print, table } from '../output.js';
import { readStdin } from '../prompt.js';
import { orgId } from '../resolve.js';

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

async function importKeys(file: string, flags: UrlFlag & FormatFlag & { org?: string }): Promise<void> {
  const text = file === '-' ? await readStdin(64 << 20) : readNamedFile(file);
  const entries = parseEntries(text);
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const total: ImportResult = { success: true, imported: 0, failed: 0, results: [] };
  for (let start = 0; start < entries.length; start += BATCH) {
    const answer = await client.importKeys(org, entries.slice(start, start + BATCH));
    total.imported += answer.imported;
    total.failed += answer.failed;
    total.results.push(...answer.results.map((result) => ({ ...result, index: result.index + start })));
  }
  await print(flags.format, total, () =>
    table(
      [
        ['entry', (r) => r.index],
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
Each entry is imported on its own; the command exits 1 if any failed.`,
    )
    .action(importKeys);
}
