import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

// docs/cli.md is the CLI's manual; these checks keep it in step with the command tree that commander
// builds, so that a new command, flag, environment variable or exit code cannot ship undocumented.

const ROOT = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');

/** Everything before `## Commands`: what it documents holds for every command (`--url`, `--format`, …). */
const preamble = doc.slice(0, doc.indexOf('\n## Commands\n'));

/** The `### \`keyward <group>\`` section that documents a top-level command and all of its subcommands. */
function groupSection(group: string): string | undefined {
  const parts = doc.split(/^### /m);
  return parts.find(
    (part) => part.startsWith(`\`keyward ${group}\``) || part.startsWith(`\`keyward ${group} `),
  );
}

interface Leaf {
  path: string;
  command: Command;
}

/** Every command that runs something, by its path under `keyward` (`api-key grant`, `org member add`). */
function leaves(command: Command, prefix: string[] = []): Leaf[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    if (sub.commands.length === 0) return [{ path: path.join(' '), command: sub }];
    return leaves(sub, path);
  });
}

const program = buildProgram();
const commands = leaves(program);

/** The long flags a command takes, its own and the program's (`--url` before the subcommand). */
function flags(command: Command): string[] {
  return command.options.map((option) => option.long).filter((long): long is string => long !== undefined);
}

/** The CLI's source files, where exit codes and environment variables are set. */
function cliSources(dir = join(ROOT, 'src', 'cli')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cliSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('docs/cli.md', () => {
  it('has a section for every top-level command', () => {
    const missing = program.commands.map((command) => command.name()).filter((name) => !groupSection(name));
    expect(missing, 'commands without a "### `keyward <name>`" section').toEqual([]);
  });

  it('names every command in its section, in code, as it is typed', () => {
    expect(commands.length).toBeGreaterThan(40);
    const missing = commands
      .filter(({ path }) => {
        const section = groupSection(path.split(' ')[0] ?? '') ?? '';
        return !new RegExp(`\`(keyward )?${path}[\` ]`).test(section);
      })
      .map(({ path }) => path);
    expect(missing, 'commands their section does not name').toEqual([]);
  });

  it('documents every flag of every command, in its section or before the commands', () => {
    const missing = commands.flatMap(({ path, command }) => {
      const section = groupSection(path.split(' ')[0] ?? '') ?? '';
      return flags(command)
        .filter((flag) => !(section.includes(flag) || preamble.includes(flag)))
        .map((flag) => `${path} ${flag}`);
    });
    expect(missing, 'flags the manual does not mention').toEqual([]);
    for (const flag of flags(program).filter((flag) => flag !== '--version'))
      expect(preamble, `the global flag ${flag}`).toContain(flag);
  });

  it('documents every environment variable the CLI reads', () => {
    const env = readFileSync(join(ROOT, 'src', 'cli', 'env.ts'), 'utf8');
    const names = [...new Set(env.match(/\bKEYWARD_[A-Z_]+\b/g) ?? [])];
    expect(names).toContain('KEYWARD_URL');
    expect(names.filter((name) => !doc.includes(name))).toEqual([]);
  });

  it('lists exactly the exit codes the CLI can end with', () => {
    const table = doc.slice(doc.indexOf('\n## Exit codes\n'));
    const documented = [...table.slice(0, table.indexOf('\n## ', 1)).matchAll(/^\| (\d+)\s+\|/gm)].map(
      (match) => Number(match[1]),
    );
    const used = new Set(
      cliSources().flatMap((source) =>
        [...source.matchAll(/exitCode\s*[:=]\s*(?:\w+\s*\?\s*)?(\d+)(?:\s*:\s*(\d+))?/g)].flatMap((match) =>
          [match[1], match[2]].filter((code) => code !== undefined).map(Number),
        ),
      ),
    );
    expect(documented).toEqual([...used].sort((a, b) => a - b));
  });
});
