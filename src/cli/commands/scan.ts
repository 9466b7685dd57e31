import type { LeakReport } from '@keyward/client';
import type { Command } from 'commander';
import { keyHint } from '../../keys/format.js';
import { readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { failure } from '../errors.js';
import { type FormatFlag, plural, print } from '../output.js';
import { ALLOW_MARKER, IGNORE_FILE, type IgnoreFile, readIgnoreFile, type Scan, scanPaths } from '../scan.js';

/** The report-leak endpoint takes at most this many keys in one call. */
const BATCH = 100;

type ScanFlags = UrlFlag & FormatFlag & { report?: boolean; ignoreFile?: string };

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

/** `Found 2 Keyward keys (2 distinct) in 2 of 3 files scanned; ignored 1 key marked keyward:allow.` */
function summary(result: Scan, distinct: number, ignoreFile: IgnoreFile | null): string {
  const ignored = [
    result.marked ? `${plural(result.marked, 'key')} marked ${ALLOW_MARKER}` : '',
    result.ignored ? `${plural(result.ignored, 'path')} matched by ${ignoreFile?.name ?? IGNORE_FILE}` : '',
  ].filter(Boolean);
  const files = new Set(result.findings.map((finding) => finding.file)).size;
  const found = distinct
    ? `Found ${plural(result.findings.length, 'Keyward key')} (${distinct} distinct) in ${files} of ${plural(result.files, 'file')} scanned`
    : `No Keyward keys in ${plural(result.files, 'file')} scanned`;
  return `${found}${ignored.length ? `; ignored ${ignored.join(' and ')}` : ''}.`;
}

/**
 * Prints each key found as `file:line: <hint>`, never more of it, then what went wrong, if anything:
 * the findings are never lost to a failure. Exits 1 when it found keys, 3 when it could not finish.
 */
async function scan(paths: string[], flags: ScanFlags): Promise<void> {
  const warn = (message: string) => process.stderr.write(`keyward: ${message}\n`);
  const ignoreFile = readIgnoreFile(flags.ignoreFile);
  const result = await scanPaths(paths.length ? paths : ['.'], ignoreFile, warn);
  const keys = [...new Set(result.findings.map((finding) => finding.key))];
  const errors: string[] = [];
  if (result.unreadable.length)
    errors.push(
      `the scan is incomplete: cannot read ${plural(result.unreadable.length, 'path')} (named above)`,
    );
  let reported: Awaited<ReturnType<typeof report>> | null = null;
  let usage: unknown = null;
  if (flags.report && keys.length) {
    try {
      reported = await report(keys, flags);
    } catch (error) {
      // A bad --url stays a usage error, told by main once the findings are out.
      const { message, exitCode } = failure(error);
      if (exitCode === 2) usage = error;
      else errors.push(`the keys found were not reported: ${message}`);
    }
  }
  const findings = result.findings.map(({ key, ...where }) => ({ ...where, hint: keyHint(key) }));
  const ignored = { marked: result.marked, paths: result.ignored };
  await print(flags.format, { findings, ignored, report: reported }, () =>
    [
      ...findings.map((f) => `${f.file}:${f.line}: ${f.hint}`),
      ...(reported
        ? [`Reported ${plural(reported.received, 'key')} to ${reported.url}: ${reported.revoked} revoked.`]
        : []),
    ].join('\n'),
  );
  process.stderr.write(`${summary(result, keys.length, ignoreFile)}\n`);
  for (const error of errors) warn(error);
  if (usage) throw usage;
  // 1 for keys found, as secret scanners answer (gitleaks), so that CI stops there; 3 when the scan could
  // not finish, which CI must not take for keys found, nor for a clean tree.
  const incomplete = errors.length > 0;
  process.exitCode = incomplete ? 3 : keys.length ? 1 : 0;
}

export function scanCommand(program: Command): void {
  readCommand(
    program,
    'scan [paths...]',
    'Find Keyward keys in files and folders (default: .); exit 1 if any',
  )
    .option('--report', 'report the keys found to the server, which revokes them (report-leak)')
    .option(
      '--ignore-file <path>',
      `gitignore-style patterns of paths to leave out (default: ./${IGNORE_FILE})`,
    )
    .addHelpText(
      'after',
      '\nA key counts only when its checksum holds, so look-alike strings are not reported. Skips .git,\n' +
        `node_modules, binary files, files over 10 MiB, what the ignore file matches, and keys on a line\n` +
        `that says ${ALLOW_MARKER}. Exit codes: 0 clean, 1 keys found, 2 usage, 3 the scan could not finish\n` +
        '(a path it cannot read, a --report that failed); the findings are printed first all the same.',
    )
    .action(scan);
}
