import { type Dirent, existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { findKeys } from '../keys/scan.js';
import { readNamedFile, UsageError } from './errors.js';

/** Folders that hold history or other people's code, not the files under review. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const MAX_BYTES = 10 * 1024 * 1024;
/** A NUL byte in the first 8 KiB marks a binary file, as git decides it. */
const SNIFF_BYTES = 8000;
/** The ignore file read from the current folder, unless `--ignore-file` names another. */
export const IGNORE_FILE = '.keywardignore';
/** On a line, it lets the keys of that line be: an example or a fixture that holds a key on purpose. */
export const ALLOW_MARKER = 'keyward:allow';

export interface Finding {
  file: string;
  line: number;
  column: number;
  key: string;
}

export interface Scan {
  findings: Finding[];
  /** How many files were read. */
  files: number;
  /** Keys left out because their line says `keyward:allow`. */
  marked: number;
  /** Files and folders left out because the ignore file matches them; they are not read. */
  ignored: number;
  /** Files and folders that could not be read: a key there would have gone unseen. */
  unreadable: string[];
}

/** The patterns of an ignore file, which apply to the paths under the folder that holds it. */
export interface IgnoreFile {
  /** The file as it was named, for messages. */
  name: string;
  ignores(path: string, isDir: boolean): boolean;
}

/**
 * Reads gitignore-style patterns from `name`, or from `.keywardignore` in the current folder when no
 * name is given and that file exists (null when it does not). A named file that cannot be read is a
 * usage error.
 * @example readIgnoreFile(undefined)?.ignores('test/fixtures/keys.env', false)
 */
export function readIgnoreFile(name: string | undefined): IgnoreFile | null {
  if (name === undefined && !existsSync(IGNORE_FILE)) return null;
  const file = name ?? IGNORE_FILE;
  // Case-sensitive, as git matches a .gitignore on Linux.
  const rules = ignore({ ignorecase: false }).add(readNamedFile(file));
  const root = dirname(resolve(file));
  return {
    name: file,
    ignores(path, isDir) {
      const under = relative(root, resolve(path));
      if (under === '' || under.startsWith('..') || isAbsolute(under)) return false;
      const posix = under.split(sep).join('/');
      return rules.ignores(isDir ? `${posix}/` : posix);
    },
  };
}

interface Walk {
  scan: Scan;
  ignoreFile: IgnoreFile | null;
  warn: (message: string) => void;
}

function unreadable(path: string, error: unknown, walk: Walk): void {
  walk.warn(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  walk.scan.unreadable.push(path);
}

function scanFile(file: string, walk: Walk): void {
  const { scan } = walk;
  let buffer: Buffer;
  try {
    if (statSync(file).size > MAX_BYTES) {
      walk.warn(`skipped ${file}: larger than ${MAX_BYTES / 1024 / 1024} MiB`);
      return;
    }
    buffer = readFileSync(file);
  } catch (error) {
    unreadable(file, error, walk);
    return;
  }
  if (buffer.subarray(0, SNIFF_BYTES).includes(0)) return;
  scan.files++;
  buffer
    .toString('utf8')
    .split('\n')
    .forEach((text, i) => {
      const found = findKeys(text);
      if (found.length && text.includes(ALLOW_MARKER)) scan.marked += found.length;
      else
        for (const { index, key } of found) scan.findings.push({ file, line: i + 1, column: index + 1, key });
    });
}

/** Whether the ignore file leaves this path out, which then counts as ignored. */
function isIgnored(path: string, isDir: boolean, walk: Walk): boolean {
  if (!walk.ignoreFile?.ignores(path, isDir)) return false;
  walk.scan.ignored++;
  return true;
}

async function walkDir(dir: string, walk: Walk): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    unreadable(dir, error, walk);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Symbolic links are not followed: they could loop, or lead out of the tree under review.
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !isIgnored(path, true, walk)) await walkDir(path, walk);
    } else if (entry.isFile() && !isIgnored(path, false, walk)) scanFile(path, walk);
  }
}

/**
 * Finds generated Keyward keys in files and folders (recursively, skipping `.git`, `node_modules`,
 * binary files, files over 10 MiB, and what the ignore file matches). A path that does not exist is a
 * usage error; one that cannot be read is listed in `unreadable`.
 */
export async function scanPaths(
  paths: string[],
  ignoreFile: IgnoreFile | null,
  warn: (message: string) => void,
): Promise<Scan> {
  const walk: Walk = {
    scan: { findings: [], files: 0, marked: 0, ignored: 0, unreadable: [] },
    ignoreFile,
    warn,
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or folder: ${path}`);
      unreadable(path, error, walk);
      continue;
    }
    if (isIgnored(path, isDir, walk)) continue;
    if (isDir) await walkDir(path, walk);
    else scanFile(path, walk);
  }
  return walk.scan;
}
