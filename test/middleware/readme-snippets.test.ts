import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupServe, tempDir, until } from '../support/server.js';
import { type Keyward, startKeyward } from './keyward.js';

// README.md's "Protect your API": its three programs, exactly as written there, type-checked and run
// against a real `keyward serve`, with `@keyward/client` as an app installs it (the built package).

const ROOT = join(import.meta.dirname, '..', '..');
const FRAMEWORKS = ['fastify', 'express', 'hono'] as const;

/** The ```ts blocks of the README's "Protect your API" section, by the framework each imports. */
function snippets(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Protect your API\n');
  expect(start, 'README.md has a "Protect your API" section').toBeGreaterThan(-1);
  const rest = readme.slice(start + 1);
  const section = rest.slice(0, rest.slice(1).search(/^## /m) + 1);
  const blocks = [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  const byFramework = new Map<string, string>();
  for (const block of blocks) {
    const framework = /from '@keyward\/client\/(\w+)'/.exec(block)?.[1];
    if (framework) byFramework.set(framework, block);
  }
  expect([...byFramework.keys()].sort()).toEqual([...FRAMEWORKS].sort());
  expect(blocks).toHaveLength(FRAMEWORKS.length);
  return byFramework;
}

/** A port nothing listens on now, for a program that takes its port from `PORT`. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let keyward: Keyward;
let dir: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  keyward = await startKeyward(join(tempDir(), 'data'));
  // A project of its own, where `@keyward/client` and the frameworks resolve as an app's would.
  dir = mkdtempSync(join(tmpdir(), 'keyward-snippets-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const [framework, code] of snippets()) writeFileSync(join(dir, `${framework}.ts`), code);
}, 60_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await cleanupServe();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('README.md, "Protect your API"', () => {
  it("type-checks: the key is typed on each framework's request", async () => {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: FRAMEWORKS.map((framework) => `${framework}.ts`),
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).then(
      (done) => done.stdout,
      (failed: { stdout?: string }) => failed.stdout ?? String(failed),
    );
    expect(output).toBe('');
  }, 60_000);

  for (const framework of FRAMEWORKS) {
    it(`runs the ${framework} program: a key with documents:read gets in, with its details; none gets 401`, async () => {
      const reader = await keyward.issue({ name: `${framework} reader`, scopes: ['documents:read'] });
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', `${framework}.ts`], {
        cwd: dir,
        env: {
          ...process.env,
          KEYWARD_URL: keyward.server.url,
          KEYWARD_KEY: keyward.serviceKey,
          PORT: String(port),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      running.add(child);
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
      });
      try {
        const url = `http://127.0.0.1:${port}/documents`;
        let answered = false;
        const poll = setInterval(() => {
          fetch(url).then(
            () => {
              answered = true;
            },
            () => undefined,
          );
        }, 100);
        await until(
          () => answered || child.exitCode !== null,
          30_000,
          `the ${framework} program to listen`,
        ).finally(() => clearInterval(poll));
        expect(child.exitCode, stderr).toBeNull();

        const allowed = await fetch(url, { headers: { authorization: `Key ${reader.apiKey}` } });
        expect(allowed.status).toBe(200);
        expect(await allowed.json()).toMatchObject({
          id: reader.id,
          organizationId: keyward.orgId,
          permissions: ['documents:read'],
        });
        const refused = await fetch(url);
        expect(refused.status).toBe(401);
        expect(await refused.json()).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) =>
          child.exitCode === null ? child.once('exit', resolve) : resolve(null),
        );
        running.delete(child);
      }
    }, 60_000);
  }
});
