import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { CHROMIUM, seriousInBothSchemes, signInAt } from './support.js';

/**
 * The console's keys tab in a real headless Chromium against a real `keyward serve` (issue 17): a key
 * made in four steps and shown once, how to use a key, rotation, disabling and enabling. What the
 * browser did is checked through the API.
 */
const PASSWORD = 'keys-admin-password';
rememberSecret(PASSWORD);
const DAY_MS = 86_400_000;
/** Slack for "about now": the time between the browser's request and this test's clock. */
const SLACK_MS = 5 * 60_000;

let serve: Serve;
let browser: Browser;
let admin: { bearer: string };
let adminId: string;
let orgId: string;
let deployBotId: string;

/** Makes a key through the API, as a fixture: its id, hint and secret. */
async function apiKey(name: string): Promise<{ id: string; hint: string; secret: string }> {
  const reply = await serve.request('POST', `/v1/organizations/${orgId}/apikeys`, {
    auth: admin,
    body: { name, role: 'member', ttl: 30 * 86_400 },
  });
  if (reply.status !== 201) throw new Error(reply.text);
  return { id: reply.body.id, hint: reply.body.hint, secret: reply.body.apiKey };
}

async function verify(secret: string): Promise<string> {
  const reply = await serve.request('POST', '/v1/keys/verify', { auth: admin, body: { key: secret } });
  return reply.body.code;
}

beforeAll(async () => {
  serve = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });
  admin = { bearer: await serve.signIn('admin', PASSWORD) };
  adminId = (await serve.request('GET', '/v1/me', { auth: admin })).body.id;
  orgId = (await serve.request('POST', '/v1/organizations', { auth: admin, body: { name: 'Acme' } })).body.id;
  const bot = await serve.request('POST', `/v1/organizations/${orgId}/service-users`, {
    auth: admin,
    body: { name: 'deploy-bot', role: 'member' },
  });
  if (bot.status !== 201) throw new Error(bot.text);
  deployBotId = bot.body.id;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await cleanupServe();
});

async function signedIn(
  width = 1440,
  username = 'admin',
  password = PASSWORD,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.url });
  const page = await context.newPage();
  await signInAt(page, `${serve.url}/console`, username, password);
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  return { context, page };
}

async function openKeys(page: Page): Promise<void> {
  await page.goto(`${serve.url}/console/organizations/${orgId}/keys`);
  await page.getByRole('heading', { name: 'Acme: API keys' }).waitFor();
  await page.getByRole('table').or(page.getByText('no keys that you can see')).waitFor();
}

/** Reads the secret from the show-once dialog, and remembers it for the log scan. */
async function secretIn(dialog: Locator): Promise<string> {
  const secret = await dialog.getByLabel(/^The key /).inputValue();
  rememberSecret(secret);
  return secret;
}

/** Everything the page holds as text or in a field: where a dropped secret must no longer be. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(
    `document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join(' ')`,
  );
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth');
}

/** Presses Tab until the focused element reads `name`: the keyboard's way to a control. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent?.trim() ?? ""');
    if (focused === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('creating a key in steps', () => {
  it('makes a key for a service user, shows the server refusal with the input kept, then shows the key once', async () => {
    const { context, page } = await signedIn();
    try {
      await openKeys(page);
      await page.getByRole('link', { name: 'Create key' }).click();
      await page.getByRole('heading', { name: 'Step 1 of 4: Name and owner' }).waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);

      // Next checks each step before the next: a name is required.
      await page.getByRole('button', { name: 'Next' }).click();
      expect(await page.locator('input:invalid').getAttribute('id')).toBe('key-name');
      expect(await page.getByRole('heading', { name: /^Step 1 of 4/ }).count()).toBe(1);
      await page.getByLabel('Name', { exact: true }).fill('deploy-pipeline');
      await page.getByLabel('Description (optional)').fill('Deploys from CI');
      await page
        .getByLabel('Owner', { exact: true })
        .selectOption({ label: 'deploy-bot (service user, member)' });
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('heading', { name: 'Step 2 of 4: Role and scopes' }).waitFor();
      // Admin is more than the member-role service user may hold: the server, not the browser, says so.
      await page.getByRole('radio', { name: /^Admin/ }).check();
      await page.getByLabel('Scopes (optional)').fill('Documents read');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByText('Documents is not a permission').waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await page.getByLabel('Scopes (optional)').fill('documents:read\norganization:read');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('heading', { name: 'Step 3 of 4: Expiry and limits' }).waitFor();
      await page.getByRole('radio', { name: '30 days' }).check();
      await page.getByLabel('Requests', { exact: true }).fill('100');
      await page.getByLabel('In a window of (seconds)').fill('60');
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('heading', { name: 'Step 4 of 4: Review' }).waitFor();
      const review = page.locator('dl.review');
      expect(await review.textContent()).toContain('100 requests per 60 seconds');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByRole('alert').getByText("body.role: cannot exceed the owner's role (member)").waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);

      // Back keeps everything typed; the fix is one radio button.
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByRole('button', { name: 'Back' }).click();
      expect(await page.getByLabel('Scopes (optional)').inputValue()).toBe(
        'documents:read\norganization:read',
      );
      await page.getByRole('radio', { name: /^Member/ }).check();
      await page.getByRole('button', { name: 'Back' }).click();
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('deploy-pipeline');
      expect(await page.getByLabel('Owner', { exact: true }).inputValue()).toBe(deployBotId);
      for (const step of ['Role and scopes', 'Expiry and limits', 'Review']) {
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByRole('heading', { name: new RegExp(step) }).waitFor();
      }
      expect(await review.textContent()).toMatch(/Rate limit100 requests per 60 seconds/);
      await page.getByRole('button', { name: 'Create key' }).click();

      const dialog = page.getByRole('dialog', { name: 'Copy your new key' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('This key cannot be shown again');
      const secret = await secretIn(dialog);
      expect(secret).toMatch(/^[a-z0-9]+_/);
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Copy the key' }).click();
      await dialog.getByText('Copied', { exact: true }).waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);

      // The key works, as what was asked for.
      const me = await serve.request('GET', '/v1/me', { auth: { key: secret } });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: deployBotId, kind: 'service', organizationId: orgId });
      const record = await serve.request('GET', `/v1/apikeys/${me.body.keyId}`, { auth: admin });
      expect(record.body).toMatchObject({
        name: 'deploy-pipeline',
        description: 'Deploys from CI',
        ownerId: deployBotId,
        role: 'member',
        scopes: ['documents:read', 'organization:read'],
        ratelimit: { limit: 100, duration: 60_000 },
        quota: null,
      });
      expect(Math.abs(Date.parse(record.body.expiresAt) - (Date.now() + 30 * DAY_MS))).toBeLessThan(SLACK_MS);

      expect(
        await dialog
          .getByRole('link', { name: 'How to use this key (opens in a new tab)' })
          .getAttribute('href'),
      ).toBe(`/console/organizations/${orgId}/keys/${me.body.keyId}/use`);

      await dialog.getByRole('button', { name: 'I have saved it' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('row', { name: /deploy-pipeline/ }).waitFor();
      expect(page.url()).not.toContain(secret);
      expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
      expect(page.url()).toBe(`${serve.url}/console/organizations/${orgId}/keys`);
      expect(await page.getByRole('row', { name: /deploy-pipeline/ }).textContent()).toContain(
        'deploy-bot (service user)',
      );
      expect(await pageText(page)).not.toContain(secret);
      expect(await seriousInBothSchemes(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('can be done with the keyboard alone, at 360 px without scrolling sideways', async () => {
    const { context, page } = await signedIn(360);
    try {
      await openKeys(page);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await tabTo(page, 'Create key');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Step 1 of 4: Name and owner' }).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      // The step's heading has the focus: the name is the next stop.
      await page.keyboard.press('Tab');
      await page.keyboard.type('keyboard-key');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { name: 'Step 2 of 4: Role and scopes' }).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await tabTo(page, 'Next');
      await page.keyboard.press('Space');

      await page.getByRole('heading', { name: 'Step 3 of 4: Expiry and limits' }).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      // The expiry is the first group: Tab lands on its checked choice (90 days), the arrow moves it.
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowUp');
      expect(await page.getByRole('radio', { name: '30 days' }).isChecked()).toBe(true);
      await tabTo(page, 'Next');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { name: 'Step 4 of 4: Review' }).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      await tabTo(page, 'Create key');
      await page.keyboard.press('Enter');

      const dialog = page.getByRole('dialog', { name: 'Copy your new key' });
      await dialog.waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
      const secret = await secretIn(dialog);
      await tabTo(page, 'I have saved it');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('row', { name: /keyboard-key/ }).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

      const me = await serve.request('GET', '/v1/me', { auth: { key: secret } });
      expect(me.body).toMatchObject({ id: adminId, kind: 'user', role: 'member' });
      const record = await serve.request('GET', `/v1/apikeys/${me.body.keyId}`, { auth: admin });
      expect(record.body).toMatchObject({ name: 'keyboard-key', ownerId: adminId, scopes: null });
      expect(Math.abs(Date.parse(record.body.expiresAt) - (Date.now() + 30 * DAY_MS))).toBeLessThan(SLACK_MS);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('using, rotating, disabling a key', () => {
  it('shows how to use a key: the three headers against /v1/me, and verify', async () => {
    const key = await apiKey('search-service');
    const { context, page } = await signedIn();
    try {
      await openKeys(page);
      await page.getByRole('link', { name: 'How to use search-service' }).click();
      await page.getByRole('heading', { name: 'How to use search-service' }).waitFor();
      const text = await page.locator('main').textContent();
      for (const header of ['Authorization: Key', 'x-api-key:', 'Authorization: Bearer'])
        expect(text).toContain(`curl -s ${serve.url}/v1/me -H "${header} $KEYWARD_KEY"`);
      expect(text).toContain(`curl -s -X POST ${serve.url}/v1/keys/verify`);
      expect(text).toContain(key.hint);
      expect(await page.getByRole('button', { name: /^Copy the/ }).count()).toBe(4);
      expect(await seriousInBothSchemes(page)).toEqual([]);

      // Each header of the examples is one that the server accepts.
      for (const auth of [{ key: key.secret }, { xApiKey: key.secret }, { bearer: key.secret }])
        expect((await serve.request('GET', '/v1/me', { auth })).status).toBe(200);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('rotates with a grace period: the new key is shown once, the old one works until the grace ends', async () => {
    const old = await apiKey('billing-service');
    const { context, page } = await signedIn();
    try {
      await openKeys(page);
      await page.getByRole('button', { name: 'Rotate billing-service' }).click();
      const ask = page.getByRole('dialog', { name: 'Rotate billing-service?' });
      await ask.waitFor();
      await ask.getByRole('radio', { name: '24 hours' }).check();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await ask.getByRole('button', { name: 'Rotate billing-service' }).click();

      const dialog = page.getByRole('dialog', { name: 'Copy your new key' });
      await dialog.waitFor();
      const secret = await secretIn(dialog);
      expect(secret).not.toBe(old.secret);
      expect(await verify(secret)).toBe('VALID');
      expect(await verify(old.secret)).toBe('VALID');
      const before = await serve.request('GET', `/v1/apikeys/${old.id}`, { auth: admin });
      expect(Math.abs(Date.parse(before.body.expiresAt) - (Date.now() + DAY_MS))).toBeLessThan(SLACK_MS);

      // A browser that refuses the clipboard: the dialog says so, and leaves the key selected.
      await page.evaluate('navigator.clipboard.writeText = () => Promise.reject(new Error("refused"))');
      await dialog.getByRole('button', { name: 'Copy the key' }).click();
      await dialog.getByText('The browser refused the clipboard').waitFor();
      expect(
        await page.evaluate(
          '[document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]',
        ),
      ).toEqual(['show-once-key', 0, secret.length]);

      await dialog.getByRole('button', { name: 'I have saved it' }).click();
      await dialog.waitFor({ state: 'detached' });
      const rows = page.getByRole('row', { name: /billing-service/ });
      expect(await rows.count()).toBe(2);
      expect(await rows.filter({ hasText: old.hint }).getByText('rotated').count()).toBe(1);
      const successor = await serve.request('GET', `/v1/apikeys/${before.body.successorId}`, { auth: admin });
      const fresh = rows.filter({ hasText: successor.body.hint });
      expect(await fresh.getByText('active').count()).toBe(1);
      expect(await pageText(page)).not.toContain(secret);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('disables a key, which verify then answers DISABLED, and enables it again', async () => {
    const key = await apiKey('reports-service');
    const { context, page } = await signedIn();
    try {
      await openKeys(page);
      const row = page.getByRole('row', { name: /reports-service/ });
      await row.getByRole('button', { name: 'Disable reports-service' }).click();
      await row.getByRole('button', { name: 'Enable reports-service' }).waitFor();
      expect(await row.getByText('disabled').count()).toBe(1);
      expect(await verify(key.secret)).toBe('DISABLED');

      await row.getByRole('button', { name: 'Enable reports-service' }).click();
      await row.getByRole('button', { name: 'Disable reports-service' }).waitFor();
      expect(await row.getByText('active').count()).toBe(1);
      expect(await verify(key.secret)).toBe('VALID');
    } finally {
      await context.close();
    }
  }, 120_000);

  it("shows the server's refusal: a member may not enable a key that an admin disabled", async () => {
    const password = 'member-password-123';
    rememberSecret(password);
    const user = await serve.request('POST', '/v1/users', {
      auth: admin,
      body: { username: 'mia', password },
    });
    await serve.request('POST', `/v1/organizations/${orgId}/members`, {
      auth: admin,
      body: { userId: user.body.id, role: 'member' },
    });
    const mia = { bearer: await serve.signIn('mia', password) };
    const made = await serve.request('POST', `/v1/organizations/${orgId}/apikeys`, {
      auth: mia,
      body: { name: 'mia-laptop', role: 'member' },
    });
    expect(made.status).toBe(201);
    await serve.request('PATCH', `/v1/apikeys/${made.body.id}`, { auth: admin, body: { enabled: false } });

    const { context, page } = await signedIn(1440, 'mia', password);
    try {
      await openKeys(page);
      const row = page.getByRole('row', { name: /mia-laptop/ });
      expect(await row.textContent()).toContain('mia');
      await row.getByRole('button', { name: 'Enable mia-laptop' }).click();
      await page.getByRole('alert').getByText('only they can enable it').waitFor();
      expect(await row.getByText('disabled').count()).toBe(1);
      expect(await verify(made.body.apiKey)).toBe('DISABLED');
      expect(await seriousInBothSchemes(page)).toEqual([]);

      // A member makes keys only for themselves: the steps offer no other owner.
      await page.getByRole('link', { name: 'Create key' }).click();
      const owner = page.getByLabel('Owner', { exact: true });
      await owner.waitFor();
      expect(await owner.locator('option').allTextContents()).toEqual(['You (mia)']);
    } finally {
      await context.close();
    }
  }, 120_000);
});
