import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { CHROMIUM, seriousInBothSchemes, signInAt } from './support.js';

/**
 * Issue 17, acceptance 1: a key's whole life in the console, in one headless Chromium against one real
 * `keyward serve`, with nothing set up through the API. Sign in; make an organization and a service user;
 * make a key for it, copy it from the show-once dialog and use it with `Authorization: Key`; revoke it
 * with the confirmation, after which verify answers `REVOKED`; find both events in the audit log.
 */
const PASSWORD = 'journey-admin-password';
rememberSecret(PASSWORD);

let serve: Serve;
let browser: Browser;

beforeAll(async () => {
  serve = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await cleanupServe();
});

/** The rows of the audit page whose action cell reads `action`. */
const auditRows = (page: Page, action: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: action, exact: true }) });

it('signs in, makes an organization, a service user and its key, uses the key, revokes it, and audits both', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.url });
  const page = await context.newPage();
  try {
    await signInAt(page, `${serve.url}/console`, 'admin', PASSWORD);
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();

    await page.getByLabel('Name').fill('Acme Robotics');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'Acme Robotics: API keys' }).waitFor();
    const orgId = /\/organizations\/(org_\w+)/.exec(page.url())?.[1];
    expect(orgId).toBeDefined();

    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Service users' })
      .click();
    await page.getByRole('heading', { name: 'Acme Robotics: Service users' }).waitFor();
    await page.getByLabel('Name').fill('billing');
    await page.getByRole('button', { name: 'Create service user' }).click();
    await page.getByRole('link', { name: 'Create a key for billing' }).click();

    // The link chose the owner; the steps take the rest.
    await page.getByRole('heading', { name: 'Step 1 of 4: Name and owner' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('checkout');
    expect(await page.getByLabel('Owner', { exact: true }).locator('option:checked').textContent()).toBe(
      'billing (service user, member)',
    );
    for (const step of ['Role and scopes', 'Expiry and limits', 'Review']) {
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: new RegExp(step) }).waitFor();
    }
    await page.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy your new key' });
    await shown.getByRole('button', { name: 'Copy the key' }).click();
    await shown.getByText('Copied', { exact: true }).waitFor();
    const key = String(await page.evaluate('navigator.clipboard.readText()'));
    rememberSecret(key);
    expect(key).toBe(await shown.getByLabel(/^The key /).inputValue());

    const me = await serve.request('GET', '/v1/me', { auth: { key } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'service', name: 'billing', organizationId: orgId });

    await shown.getByRole('button', { name: 'I have saved it' }).click();
    const row = page.getByRole('row', { name: /checkout/ });
    await row.getByRole('button', { name: 'Revoke checkout' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke checkout?' });
    expect(await confirm.textContent()).toContain('checkout');
    await confirm.getByRole('button', { name: 'Revoke checkout' }).click();
    await row.getByText('revoked').waitFor();

    const admin = { bearer: await serve.signIn('admin', PASSWORD) };
    const verified = await serve.request('POST', '/v1/keys/verify', { auth: admin, body: { key } });
    expect(verified.body).toMatchObject({ valid: false, code: 'REVOKED' });

    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByRole('heading', { name: 'Acme Robotics: Audit log' }).waitFor();
    await auditRows(page, 'apikey.created').first().waitFor();
    expect(await auditRows(page, 'apikey.created').count()).toBe(1);
    expect(await auditRows(page, 'apikey.revoked').count()).toBe(1);
    expect(await seriousInBothSchemes(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
