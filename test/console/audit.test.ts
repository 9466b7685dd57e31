import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../src/store/sqlite-driver.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { CHROMIUM, seriousInBothSchemes, signInAt } from './support.js';

/**
 * The audit log in a real Chromium against a real `keyward serve` (issue 17): the whole log for a cluster
 * admin, filtered and paged; an organization's own entries in its tab; and the chain checked in the
 * browser, the whole log's by a cluster admin and an organization's own by its admin (issue 19, bug 3),
 * which holds, and which breaks where an entry was edited in the database behind the server.
 */
const PASSWORD = 'audit-admin-password';
rememberSecret(PASSWORD);
/** An admin of Acme who is not a cluster admin. */
const OLGA_PASSWORD = 'audit-olga-password';
rememberSecret(OLGA_PASSWORD);

let serve: Serve;
let browser: Browser;
let admin: { bearer: string };
let acmeId: string;
let acmeKeyId: string;
const betaKeyIds: string[] = [];

async function ok(method: string, path: string, body?: unknown) {
  const reply = await serve.request(method, path, { auth: admin, body });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
  return reply.body;
}

beforeAll(async () => {
  serve = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });
  admin = { bearer: await serve.signIn('admin', PASSWORD) };
  acmeId = (await ok('POST', '/v1/organizations', { name: 'Acme' })).id;
  const betaId = (await ok('POST', '/v1/organizations', { name: 'Beta' })).id;
  const olga = await ok('POST', '/v1/users', { username: 'olga', password: OLGA_PASSWORD });
  await ok('POST', `/v1/organizations/${acmeId}/members`, { userId: olga.id, role: 'admin' });
  acmeKeyId = (
    await ok('POST', `/v1/organizations/${acmeId}/apikeys`, { name: 'acme-billing', role: 'member' })
  ).id;
  await ok('DELETE', `/v1/apikeys/${acmeKeyId}`);
  // More than a page of the log (50), all of it Beta's but one of Acme's among them, so that Acme's
  // entries are not consecutive in the whole log's chain.
  for (let i = 0; i < 55; i++) {
    const key = await ok('POST', `/v1/organizations/${betaId}/apikeys`, {
      name: `beta-${i}`,
      role: 'member',
    });
    betaKeyIds.push(key.id);
    if (i === 20) await ok('PATCH', `/v1/organizations/${acmeId}`, { name: 'Acme' });
  }
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await cleanupServe();
});

async function signedIn(
  path: string,
  width = 1440,
  [username, password] = ['admin', PASSWORD],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAt(page, `${serve.url}/console${path}`, username, password);
  return { context, page };
}

const asOlga = ['olga', OLGA_PASSWORD] as [string, string];

const rows = (page: Page) => page.locator('table.audit-table tbody tr');

/** The number of entries in the whole log, or in an organization's, as the export's end line counts them. */
async function exportedCount(orgId?: string): Promise<number> {
  const query = orgId === undefined ? '' : `?orgId=${orgId}`;
  const reply = await serve.request('GET', `/v1/audit/export${query}`, { auth: admin });
  const lines = reply.text.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '').count;
}

describe("the cluster's audit log", () => {
  it('lists what was done, newest first, pages on, filters by action, and checks the chain', async () => {
    const { context, page } = await signedIn('/');
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
      await rows(page).first().waitFor();
      // Newest first: the console's own sign-in, then Beta's last key.
      expect(await rows(page).first().getByRole('cell', { name: 'console.signin' }).count()).toBe(1);
      expect(await rows(page).nth(1).textContent()).toContain(betaKeyIds[54]);
      expect(await rows(page).count()).toBe(50);
      expect(await seriousInBothSchemes(page)).toEqual([]);

      await page.getByRole('button', { name: 'Show more entries' }).click();
      await rows(page).nth(50).waitFor();
      expect(await page.locator('table.audit-table').textContent()).toContain('organization.created');
      expect(await page.getByRole('button', { name: 'Show more entries' }).count()).toBe(0);

      // An entry's details open on demand.
      const revoked = page.getByRole('row', { name: /apikey\.revoked/ });
      await revoked.locator('summary').click();
      await revoked.getByText(acmeId).waitFor();

      await page.getByLabel('Action', { exact: true }).fill('apikey.revoked');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => rows(page).count()).toBe(1);
      expect(await rows(page).first().textContent()).toContain(acmeKeyId);
      expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('apikey.revoked');
      expect(await seriousInBothSchemes(page)).toEqual([]);

      await page.getByRole('button', { name: 'Clear' }).click();
      await expect.poll(() => rows(page).count()).toBe(50);
      expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('');

      // A time range: nothing has happened yet in 2099.
      await page.getByLabel('From', { exact: true }).fill('2099-01-01T00:00');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('No entries match.').waitFor();
      await page.getByRole('button', { name: 'Clear' }).click();
      await expect.poll(() => rows(page).count()).toBe(50);

      await page.getByRole('button', { name: 'Check the chain' }).click();
      const holds = page.getByRole('status').getByText(/^The chain holds: \d+ entries checked\.$/);
      await holds.waitFor();
      expect(await holds.textContent()).toBe(`The chain holds: ${await exportedCount()} entries checked.`);
      expect(await seriousInBothSchemes(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows an organization's entries only, in its tab, and checks its own chain for its admin", async () => {
    const { context, page } = await signedIn(`/organizations/${acmeId}/audit`, 360, asOlga);
    try {
      await page.getByRole('heading', { name: 'Acme: Audit log' }).waitFor();
      await rows(page).first().waitFor();
      const own = await serve.request('GET', `/v1/audit?orgId=${acmeId}`, { auth: admin });
      expect(await rows(page).count()).toBe(own.body.items.length);
      const table = (await page.locator('table.audit-table').textContent()) ?? '';
      expect(table).toContain(acmeKeyId);
      for (const id of betaKeyIds) expect(table).not.toContain(id);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

      await page.getByRole('button', { name: 'Check the chain' }).click();
      const holds = page.getByRole('status').getByText(/^The chain holds: \d+ entries checked\.$/);
      await holds.waitFor();
      const count = await exportedCount(acmeId);
      expect(count).toBe(own.body.items.length);
      expect(await holds.textContent()).toBe(`The chain holds: ${count} entries checked.`);
      expect(await seriousInBothSchemes(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says where the chain breaks when an entry was edited behind the server', async () => {
    const dataDir = serve.dataDir;
    await serve.stop();
    const db = new (loadSqlite())(join(dataDir, 'keyward.db'));
    const { seq } = db.prepare("SELECT seq FROM audit_log WHERE action = 'apikey.revoked'").get() as {
      seq: number;
    };
    db.prepare("UPDATE audit_log SET action = 'apikey.updated' WHERE seq = ?").run(seq);
    db.close();
    serve = await startServe(dataDir, { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });
    admin = { bearer: await serve.signIn('admin', PASSWORD) };

    const broken = `The chain is broken at entry #${seq} (hash): its hash does not match its content.`;
    for (const [path, who] of [
      ['/audit', undefined],
      [`/organizations/${acmeId}/audit`, asOlga],
    ] as const) {
      const { context, page } = await signedIn(path, 1440, who);
      try {
        await page.getByRole('button', { name: 'Check the chain' }).click();
        await page.getByRole('status').getByText(broken).waitFor();
        expect(await seriousInBothSchemes(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
