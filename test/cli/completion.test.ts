import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { Cli, cleanupClis } from './support/cli.js';

/** Whether a shell is installed; the tests of one that is not are skipped, with a line that says so. */
function installed(shell: string): boolean {
  if (!spawnSync(shell, ['--version']).error) return true;
  console.warn(`${shell} is not installed: its completion script is not checked`);
  return false;
}

const program = buildProgram();
const cli = new Cli();
const scripts: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const file = join(cli.dir('completion'), `keyward.${shell}`);
    writeFileSync(file, await cli.ok(['completion', shell]));
    scripts[shell] = file;
  }
});
afterAll(cleanupClis);

/** A command of the program by its words, as commander built it. */
function command(...words: string[]): Command {
  let at = program;
  for (const word of words) {
    const next = at.commands.find((sub) => sub.name() === word);
    if (!next) throw new Error(`no command ${words.join(' ')}`);
    at = next;
  }
  return at;
}

/** The subcommands `keyward … <TAB>` should offer: each one, and commander's `help`. */
const subcommands = (at: Command) => [...at.commands.map((sub) => sub.name()), 'help'].sort();

/** What bash completes for the words after `keyward`, the last being the word under the cursor. */
function bash(...words: string[]): string[] {
  const run = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, which expands it.
      'source "$1" && COMP_WORDS=("${@:2}") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _keyward && printf "%s\\n" "${COMPREPLY[@]}"',
      'bash',
      scripts.bash ?? '',
      'keyward',
      ...words,
    ],
    { encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter(Boolean).sort();
}

describe('keyward completion bash', () => {
  it('completes the subcommands of api-key, and of every command group', () => {
    const apiKey = subcommands(command('api-key'));
    expect(apiKey).toEqual(expect.arrayContaining(['grant', 'info', 'list', 'revoke', 'rotate', 'import']));
    expect(bash('api-key', '')).toEqual(apiKey);
    expect(bash('api-key', 'r')).toEqual(['revoke', 'rotate']);
    expect(bash('')).toEqual(subcommands(program));
    const groups: string[][] = [];
    const visit = (at: Command, words: string[]) => {
      if (at.commands.length > 0) groups.push(words);
      for (const sub of at.commands) visit(sub, [...words, sub.name()]);
    };
    visit(program, []);
    expect(groups.length).toBeGreaterThan(8);
    for (const words of groups)
      expect(bash(...words, ''), words.join(' ')).toEqual(subcommands(command(...words)));
  });

  it('completes the flags of api-key grant, and the values a flag or argument takes', () => {
    const grant = command('api-key', 'grant');
    const own = [...grant.options.map((option) => option.long), '--help'];
    expect(own).toEqual(expect.arrayContaining(['--org', '--name', '--role', '--scope', '--ttl']));
    const offered = bash('api-key', 'grant', '--');
    expect(offered).toEqual(expect.arrayContaining(own));
    // Anything more is a flag commander takes there: one of the program's, where it takes them after.
    const taken = [...own, ...program.options.map((option) => option.long)];
    for (const flag of offered) expect(taken).toContain(flag);

    expect(bash('api-key', 'grant', '--role', '')).toEqual(['admin', 'member']);
    expect(bash('api-key', 'grant', '--role', '=', 'a')).toEqual(['admin']);
    expect(bash('completion', '')).toEqual(['bash', 'fish', 'zsh']);
    expect(bash('api', '')).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
    expect(bash('org', 'member', 'set-role', 'acme', 'bob', '')).toEqual(['admin', 'member']);
    // The value of a flag is not taken for a subcommand, nor for an argument.
    expect(bash('--url', 'http://127.0.0.1:7373', 'api-key', 're')).toEqual(['revoke']);
    expect(bash('org', 'member', 'set-role', '--format', 'json', 'acme', 'bob', '')).toEqual([
      'admin',
      'member',
    ]);
    // Where nothing is listed, nothing is offered, and bash falls back to file names (-o default).
    expect(bash('api-key', 'import', '')).toEqual([]);
  });

  it('parses, and refuses a shell it has no script for (usage, 2)', async () => {
    expect(spawnSync('bash', ['-n', scripts.bash ?? '']).status).toBe(0);
    const unknown = await cli.run(['completion', 'tcsh']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: command-argument value 'tcsh' is invalid for argument 'shell'");
  });
});

describe('keyward completion zsh', () => {
  it.skipIf(!installed('zsh'))('parses, and offers the subcommands of api-key', () => {
    expect(spawnSync('zsh', ['-n', scripts.zsh ?? ''], { encoding: 'utf8' })).toMatchObject({
      status: 0,
      stderr: '',
    });
    // The completion system's builtins exist only inside a completion widget: these stand in for the two
    // the script calls here, and print what they were given.
    const run = spawnSync(
      'zsh',
      [
        '-f',
        '-c',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh, which expands it.
        'compdef() { }; source "$1"; _describe() { print -rl -- ${(P)4}; }; words=(keyward api-key ""); CURRENT=3; _keyward',
        'zsh',
        scripts.zsh ?? '',
      ],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const names = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0]);
    expect(names.sort()).toEqual(subcommands(command('api-key')));
  });
});

describe('keyward completion fish', () => {
  it.skipIf(!installed('fish'))('parses, and offers the subcommands of api-key', () => {
    expect(spawnSync('fish', ['--no-execute', scripts.fish ?? ''], { encoding: 'utf8' })).toMatchObject({
      status: 0,
      stderr: '',
    });
    const run = spawnSync(
      'fish',
      ['--no-config', '-c', 'source $argv[1]; complete -C"keyward api-key "', scripts.fish ?? ''],
      { encoding: 'utf8' },
    );
    const names = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t')[0]);
    expect(names.sort()).toEqual(subcommands(command('api-key')));
  });
});
