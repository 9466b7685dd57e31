import { type Dirent, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findKeys } from '../keys/scan.js';
import { UsageError } from './errors.js';

/** Folders that hold history or other people's code, not the files under review. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const MAX_BYTES = 10 * 1024 * 1024;
/** A NUL byte in the first 8 KiB marks a binary file, as git decides it. */
const SNIFF_BYTES = 8000;

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
}

function scanFile(file: string, scan: Scan, warn: (message: string) => void): void {
  let buffer: Buffer;
  try {
    if (statSync(file).size > MAX_BYTES) {
      warn(`skipped ${file}: larger than ${MAX_BYTES / 1024 / 1024} MiB`);
      return;
    }
    buffer = readFileSync(file);
  } catch (error) {
    warn(`skipped ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    return;
  }
  if (buffer.subarray(0, SNIFF_BYTES).includes(0)) return;
  scan.files++;
  buffer
    .toString('utf8')
    .split('\n')
    .forEach((text, i) => {
      for (const { index, key } of findKeys(text))
        scan.findings.push({ file, line: i + 1, column: index + 1, key });
    });
}

async function walk(dir: string, scan: Scan, warn: (message: string) => void): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    warn(`skipped ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Symbolic links are not followed: they could loop, or lead out of the tree under review.
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(path, scan, warn);
    else if (entry.isFile()) scanFile(path, scan, warn);
  }
}

/**
 * Finds generated Keyward keys in files and folders (recursively, skipping `.git`, `node_modules`,
 * binary files and files over 10 MiB). A path that does not exist is a usage error.
 */
export async function scanPaths(paths: string[], warn: (message: string) => void): Promise<Scan> {
  const scan: Scan = { findings: [], files: 0 };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (isDir) await walk(path, scan, warn);
    else scanFile(path, scan, warn);
  }
  return scan;
}
