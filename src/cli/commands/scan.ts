import type { Command } from 'commander';
import type { LeakReport } from '../../client/types.js';
import { keyHint } from '../../keys/format.js';
import { readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { type FormatFlag, plural, print } from '../output.js';
import { scanPaths } from '../scan.js';

/** The report-leak endpoint takes at most this many keys in one call. */
const BATCH = 100;

async function report(keys: string[], flags: UrlFlag): Promise<LeakReport & { url: string }> {
  const client = await connect(flags);
  const total = { success: true as const, received: 0, revoked: 0, url: client.url };
  for (let start = 0; start < keys.length; start += BATCH) {
    const answer = await client.reportLeak(keys.slice(start, start + BATCH), 'keyward scan');
    total.received += answer.received;
    total.revoked += answer.revoked;
  }
  return total;
}

/** Prints each key found as `file:line: <hint>`, never more of it; exits 1 when it found any. */
async function scan(paths: string[], flags: UrlFlag & FormatFlag & { report?: boolean }): Promise<void> {
  const warn = (message: string) => process.stderr.write(`keyward: ${message}\n`);
  const result = await scanPaths(paths.length ? paths : ['.'], warn);
  const keys = [...new Set(result.findings.map((finding) => finding.key))];
  const reported = flags.report && keys.length ? await report(keys, flags) : null;
  const findings = result.findings.map(({ key, ...where }) => ({ ...where, hint: keyHint(key) }));
  await print(flags.format, { findings, report: reported }, () =>
    [
      ...findings.map((f) => `${f.file}:${f.line}: ${f.hint}`),
      ...(reported
        ? [`Reported ${plural(reported.received, 'key')} to ${reported.url}: ${reported.revoked} revoked.`]
        : []),
    ].join('\n'),
  );
  const files = new Set(result.findings.map((finding) => finding.file)).size;
  process.stderr.write(
    keys.length
      ? `Found ${plural(result.findings.length, 'Keyward key')} (${keys.length} distinct) in ${files} of ${plural(result.files, 'file')} scanned.\n`
      : `No Keyward keys in ${plural(result.files, 'file')} scanned.\n`,
  );
  if (keys.length) process.exitCode = 1;
}

export function scanCommand(program: Command): void {
  readCommand(
    program,
    'scan [paths...]',
    'Find Keyward keys in files and folders (default: .); exit 1 if any',
  )
    .option('--report', 'report the keys found to the server, which revokes them (report-leak)')
    .addHelpText(
      'after',
      '\nA key counts only when its checksum holds, so look-alike strings are not reported. Skips .git,\n' +
        'node_modules, binary files and files over 10 MiB. Exit codes: 0 clean, 1 keys found (or an error), 2 usage.',
    )
    .action(scan);
}
