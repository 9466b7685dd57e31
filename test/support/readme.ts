import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const README = join(import.meta.dirname, '..', '..', 'README.md');

/** The ```sh blocks of one section of README.md (`## Title`), in order. */
export function readmeBlocks(title: string): string[] {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(`\n${title}\n`);
  expect(start, `README.md has a "${title}" section`).toBeGreaterThan(-1);
  const rest = readme.slice(start + title.length + 2);
  const end = rest.search(/^## /m);
  const section = end === -1 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/**
 * A `bin` folder in `dir` holding links to these tools and nothing else: the PATH a README section
 * runs with, so that it cannot lean on a tool it does not name.
 */
export function toolsOnly(dir: string, tools: readonly string[]): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of tools) {
    const path = execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    symlinkSync(path, join(bin, tool));
  }
  return bin;
}
