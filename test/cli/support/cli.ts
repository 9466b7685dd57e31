import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from '@lydell/node-pty';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { findKeys } from '../../../src/keys/scan.js';
import { rememberSecret } from '../../support/secrets.js';

export const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'keyward.js');
const TIMEOUT_MS = 20_000;

/** What `--api-key <key>` prints on stderr before anything else: spelled out here, so that a change shows. */
export const KEY_ARGUMENT_WARNING =
  'keyward: warning: a key given on the command line can be read by other users of this machine (ps, shell history); use --api-key-stdin instead\n';

export interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to standard input, which is then closed; without it, standard input is empty. */
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const dirs: string[] = [];

/** Removes every config and home directory the file's CLIs made (for `afterAll`). */
export function cleanupClis(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every key in a text, and every token of a stored login, for the log scan. */
function rememberSecretsOf(text: string): void {
  for (const { key } of findKeys(text)) rememberSecret(key);
}

/**
 * One person's `keyward`: its own HOME and config directory, so that its stored login is its own, and an
 * environment without the developer's KEYWARD_* variables or D-Bus session. Every run is kept in
 * `transcript`, so that a test can check where a secret was printed.
 */
export class Cli {
  readonly home: string;
  readonly configDir: string;
  readonly transcript: Run[] = [];
  private readonly baseEnv: Record<string, string>;

  constructor(env: Record<string, string> = {}) {
    this.home = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
    dirs.push(this.home);
    this.configDir = join(this.home, 'config', 'keyward');
    const base: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value === undefined || name.startsWith('KEYWARD_') || name.startsWith('XDG_')) continue;
      if (name === 'DBUS_SESSION_BUS_ADDRESS') continue;
      base[name] = value;
    }
    this.baseEnv = { ...base, HOME: this.home, KEYWARD_CONFIG_DIR: this.configDir, ...env };
  }

  env(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const merged: Record<string, string> = { ...this.baseEnv };
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) delete merged[name];
      else merged[name] = value;
    }
    return merged;
  }

  /** Runs `node bin/keyward.js ...args` with pipes for its standard streams. */
  run(args: string[], options: RunOptions = {}): Promise<Run> {
    if (options.input) rememberSecret(options.input.trim());
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: this.env(options.env),
        cwd: options.cwd ?? this.home,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`keyward ${args.join(' ')} did not finish in ${TIMEOUT_MS} ms; stderr: ${stderr}`));
      }, TIMEOUT_MS);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(timer);
        rememberSecretsOf(stdout);
        const run = { args, code, stdout, stderr };
        this.transcript.push(run);
        resolve(run);
      });
      child.stdin.end(options.input ?? '');
    });
  }

  /** Runs and expects exit code 0, answering stdout. */
  async ok(args: string[], options: RunOptions = {}): Promise<string> {
    const run = await this.run(args, options);
    if (run.code !== 0)
      throw new Error(
        `keyward ${args.join(' ')} exited ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`,
      );
    return run.stdout;
  }

  /** Runs with `--format json` and parses stdout. */
  async json(args: string[], options: RunOptions = {}): Promise<any> {
    return JSON.parse(await this.ok([...args, '--format', 'json'], options));
  }

  /** Runs a read command in the three formats at once; YAML must say what JSON says. Answers both forms. */
  async formats(args: string[], options: RunOptions = {}): Promise<{ table: string; json: any }> {
    const [table = '', json = '', yaml = ''] = await Promise.all(
      ['table', 'json', 'yaml'].map((format) => this.ok([...args, '--format', format], options)),
    );
    const parsed = JSON.parse(json);
    expect(parseYaml(yaml)).toEqual(parsed);
    return { table, json: parsed };
  }

  /**
   * Runs the CLI on a pseudo-terminal, as a person at a terminal would: for each step, waits until the
   * screen shows `expect`, then types `answer` and Enter. Answers the exit code and everything shown.
   */
  pty(args: string[], steps: [expect: string, answer: string][], options: RunOptions = {}): Promise<Run> {
    for (const [, answer] of steps) rememberSecret(answer);
    return new Promise((resolve, reject) => {
      const term = spawnPty(process.execPath, [BIN, ...args], {
        cols: 200,
        rows: 40,
        cwd: options.cwd ?? this.home,
        env: this.env(options.env),
      });
      let screen = '';
      let seen = 0;
      const pending = [...steps];
      const timer = setTimeout(() => {
        term.kill('SIGKILL');
        reject(new Error(`keyward ${args.join(' ')} on a terminal timed out; it showed: ${screen}`));
      }, TIMEOUT_MS);
      term.onData((data) => {
        screen += data;
        const next = pending[0];
        if (!next) return;
        const at = screen.indexOf(next[0], seen);
        if (at === -1) return;
        seen = at + next[0].length;
        pending.shift();
        term.write(`${next[1]}\r`);
      });
      term.onExit(({ exitCode }) => {
        clearTimeout(timer);
        rememberSecretsOf(screen);
        const run = { args, code: exitCode, stdout: screen, stderr: '' };
        this.transcript.push(run);
        resolve(run);
      });
    });
  }

  /** The stored login's secret file, parsed, or null; its tokens are remembered for the log scan. */
  storedSecret(): Record<string, string> | null {
    const file = join(this.configDir, 'credentials.json');
    if (!existsSync(file)) return null;
    const secret = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const value of Object.values(secret)) rememberSecret(value);
    return secret;
  }

  /** A directory inside this CLI's home, for files a test scans or imports. */
  dir(name: string): string {
    const path = join(this.home, name);
    mkdirSync(path, { recursive: true });
    return path;
  }
}

/** Asserts no run printed `key` except a `grant` or `rotate`, which show a new key once. */
export function printedOnlyWhenCreated(transcript: Run[], key: string): string[] {
  return transcript
    .filter((run) => `${run.stdout}${run.stderr}`.includes(key))
    .filter((run) => !(run.args[0] === 'api-key' && ['grant', 'rotate'].includes(run.args[1] ?? '')))
    .map((run) => `keyward ${run.args.join(' ')}`);
}
