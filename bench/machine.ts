import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { wrkVersion } from './wrk.js';

const ROOT = join(import.meta.dirname, '..');

/** What the figures were measured on, for BENCHMARKS.md. */
export interface Machine {
  cpus: number;
  model: string;
  node: string;
  wrk: string;
  date: string;
  commit: string;
  /** The 1-minute load average when the bench started: above ~0.2, something else was running. */
  load: number;
}

export function describeMachine(): Machine {
  const lscpu = spawnSync('lscpu', { encoding: 'utf8' }).stdout ?? '';
  const model = /^Model name:\s+(.+)$/m.exec(lscpu)?.[1]?.trim() ?? 'unknown';
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  // `git diff --quiet` reads the tree without writing the index, unlike `git status`.
  const dirty = spawnSync('git', ['diff', '--quiet', 'HEAD', '--'], { cwd: ROOT }).status === 1;
  return {
    cpus: availableParallelism(),
    model,
    node: process.version,
    wrk: wrkVersion() ?? 'none',
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    commit: `${head.stdout.trim() || 'unknown'}${dirty ? ' with uncommitted changes' : ''}`,
    load: loadavg()[0] ?? 0,
  };
}

function newestMtime(dir: string, skip: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, skip));
    else if (!skip(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** When the bundle that `bin/keyward.js` runs was written: the last step of `npm run build`. */
function builtAt(): number {
  try {
    return statSync(join(ROOT, 'dist', 'bundle', 'keyward.js')).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds when the bundle is missing or older than src/: the servers run `bin/keyward.js`, as users do. */
export function ensureBuilt(say: (line: string) => void): void {
  const sources = newestMtime(join(ROOT, 'src'), (name) => name.endsWith('.test.ts'));
  if (builtAt() >= sources) return;
  say('dist/bundle/keyward.js is missing or older than src/: running npm run build');
  try {
    // tsc prints its errors on stdout: send both to our stderr, which is for progress and problems.
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  } catch {
    throw new Error('npm run build failed (above): fix the build first');
  }
}
