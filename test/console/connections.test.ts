import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, fakeSentinelOne } from '../support/providers.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { testTls } from '../support/tls.js';
import { CHROMIUM, seriousInBothSchemes, signInAt } from './support.js';

/**
 * The connections tab, connect links and the public Connect page in a real Chromium against a real
 * `keyward serve` (issue 17, acceptance 2), with a real HTTPS SentinelOne stand-in on loopback: the
 * server trusts the test CA and may call 127.0.0.1.
 */
const PASSWORD = 'connections-admin-password';
rememberSecret(PASSWORD);

/** A SentinelOne API token as the fake accepts it, remembered for the log scan. */
function s1Token(name: string): string {
  const token = `S1-${name}-${randomBytes(16).toString('hex')}`;
  rememberSecret(token);
  return token;
}

const LINK_TOKEN = s1Token('link');
const FORM_TOKEN = s1Token('form');
const WRONG_TOKEN = s1Token('wrong');

let serve: Serve;
let browser: Browser;
let admin: { bearer: string };
let orgId: string;
/** One fake per flow, so that one test's accepted token does not change another's. */
let linkFake: FakeProvider;
let formFake: FakeProvider;

beforeAll(async () => {
  // The CA in a file of this test's own: another run's global setup may replace .test-artifacts/tls.
  const caPath = join(tempDir(), 'ca.pem');
  writeFileSync(caPath, testTls().trusted.ca);
  [linkFake, formFake] = await Promise.all([fakeSentinelOne(LINK_TOKEN), fakeSentinelOne(FORM_TOKEN)]);
  serve = await startServe(join(tempDir(), 'data'), {
    env: {
      KEYWARD_ADMIN_PASSWORD: PASSWORD,
      KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128',
      NODE_EXTRA_CA_CERTS: caPath,
    },
  });
  admin = { bearer: await serve.signIn('admin', PASSWORD) };
  const org = await serve.request('POST', '/v1/organizations', { auth: admin, body: { name: 'Acme' } });
  orgId = org.body.id;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await cleanupServe();
  await Promise.all([linkFake?.close(), formFake?.close()]);
});

async function freshPage(width = 1440): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

/** Signs in as the admin and opens Acme's connections tab. */
async function connectionsTab(page: Page): Promise<void> {
  await signInAt(page, `${serve.url}/console/organizations/${orgId}/connections`, 'admin', PASSWORD);
  await page.getByRole('heading', { name: 'Acme: Connections' }).waitFor();
  await page.getByRole('heading', { name: 'Links made' }).waitFor();
}

/** Finds SentinelOne in a provider search and presses its button (`Add SentinelOne`, `Choose SentinelOne`). */
async function pickSentinelOne(page: Page, verb: string): Promise<void> {
  await page.getByLabel('Find a provider').fill('sentinelone');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: `${verb} SentinelOne`, exact: true }).click();
}

async function connectionsOf(): Promise<{ id: string; name: string; lastCheck: { ok: boolean } | null }[]> {
  return (await serve.request('GET', `/v1/organizations/${orgId}/connections`, { auth: admin })).body.items;
}

describe('a connect link: made by an admin, used once by someone without an account', () => {
  it('connects SentinelOne after a refused token, lists and checks it, and then refuses the link', async () => {
    const adminSide = await freshPage();
    const { page } = adminSide;
    await adminSide.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.url });
    let link = '';
    try {
      await connectionsTab(page);
      await page.getByText('This organization has no connections yet.').waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);

      await pickSentinelOne(page, 'Add');
      await page.getByLabel('Expires after').selectOption({ label: '1 hour' });
      await page.getByRole('button', { name: 'Make the link' }).click();
      const dialog = page.getByRole('dialog', { name: 'The connect link' });
      await dialog.waitFor();
      await dialog.getByText('This link is shown once.').waitFor();
      expect(await dialog.textContent()).toContain('Anyone who has it can connect sentinelone to Acme, once');
      link = await dialog.getByLabel('Connect link').inputValue();
      rememberSecret(link.split('#')[1]);
      expect(link).toMatch(new RegExp(`^${serve.url}/console/connect#kwc_[0-9A-Za-z]{43}$`));
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Copy the link' }).click();
      await dialog.getByText('Copied', { exact: true }).waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByLabel('Connect link', { exact: true }).count()).toBe(0);
      const linkRow = page.getByRole('row', { name: /sentinelone/ });
      await linkRow.getByText('open').waitFor();

      // Someone with the link and no session, on a phone-sized screen.
      const visitor = await freshPage(360);
      try {
        const v = visitor.page;
        await v.goto(link);
        await v.getByRole('heading', { name: 'Connect SentinelOne', level: 1 }).waitFor();
        expect(v.url()).toBe(`${serve.url}/console/connect`);
        expect(await v.evaluate('location.hash')).toBe('');
        expect(await v.getByRole('navigation').count()).toBe(0);
        expect(await v.getByText(/sign in/i).count()).toBe(0);
        const hostname = v.getByLabel('Hostname');
        expect(await hostname.getAttribute('type')).toBe('text');
        // The prefix sits just before the input, and is read with it.
        expect(await hostname.evaluate((input) => input.previousElementSibling?.textContent)).toBe(
          'https://',
        );
        expect(await hostname.getAttribute('aria-describedby')).toContain('prefix');
        const token = v.getByLabel('API Token');
        expect(await token.getAttribute('type')).toBe('password');
        expect(await token.getAttribute('autocomplete')).toBe('off');
        expect(
          await v.getByRole('link', { name: 'Where to find it (API Token)' }).getAttribute('href'),
        ).toMatch(/^https:\/\/nango\.dev\/docs\//);
        expect(await v.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        expect(await seriousInBothSchemes(v)).toEqual([]);

        await hostname.fill(linkFake.hostname);
        await token.fill(WRONG_TOKEN);
        await v.getByRole('button', { name: 'Connect SentinelOne' }).click();
        await v.getByRole('alert').getByText('SentinelOne did not accept these credentials.').waitFor();
        expect(await hostname.inputValue()).toBe(linkFake.hostname);
        expect(await v.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        expect(await seriousInBothSchemes(v)).toEqual([]);
        expect(await connectionsOf()).toEqual([]);

        await token.fill(LINK_TOKEN);
        await v.getByRole('button', { name: 'Connect SentinelOne' }).click();
        await v.getByRole('heading', { name: 'SentinelOne is connected', level: 1 }).waitFor();
        // The success screen and nothing else.
        expect(await v.locator('main').textContent()).toBe(
          'SentinelOne is connectedSentinelOne is connected. You can close this page.',
        );
        expect(await seriousInBothSchemes(v)).toEqual([]);
        expect(await v.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([
          0,
          0,
          '',
        ]);
      } finally {
        await visitor.context.close();
      }

      // The admin sees the connection, checks it, and sees the link used.
      const [made] = await connectionsOf();
      expect(made).toMatchObject({ name: 'SentinelOne', lastCheck: { ok: true } });
      await page.reload();
      const row = page.getByRole('row', { name: /SentinelOne/ }).filter({ hasText: 'Check' });
      await row.getByText('passed').waitFor();
      const checksBefore = linkFake.requests.length;
      await row.getByRole('button', { name: 'Check SentinelOne' }).click();
      await page.getByRole('status').getByText('SentinelOne: the check passed').waitFor();
      expect(linkFake.requests.length).toBe(checksBefore + 1);
      await page
        .getByRole('row', { name: /sentinelone/ })
        .getByText('used')
        .waitFor();

      // The link works once.
      const again = await freshPage();
      try {
        await again.page.goto(link);
        await again.page
          .getByRole('heading', { name: 'This link has expired or was already used' })
          .waitFor();
        expect(again.page.url()).toBe(`${serve.url}/console/connect`);
        expect(await seriousInBothSchemes(again.page)).toEqual([]);
      } finally {
        await again.context.close();
      }
      const reuse = await serve.request('POST', '/v1/connect/connections', {
        headers: { 'x-connect-token': link.split('#')[1] as string },
        body: {
          provider: 'sentinelone',
          config: { hostname: linkFake.hostname },
          credentials: { apiKey: LINK_TOKEN },
        },
      });
      expect(reuse.status).toBe(410);
      expect(reuse.body.error.code).toBe('CONNECT_SESSION_ENDED');
      expect(await connectionsOf()).toHaveLength(1);
    } finally {
      await adminSide.context.close();
    }
  });

  it('deletes a link behind a confirmation, after which the link opens the expired page', async () => {
    const made = await serve.request('POST', `/v1/organizations/${orgId}/connect-sessions`, {
      auth: admin,
      body: { providers: ['sentinelone', 'grafana'] },
    });
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    rememberSecret(token);
    const link = `${serve.url}/console/connect#${token}`;

    // A link for two providers lets its holder choose.
    const visitor = await freshPage();
    try {
      await visitor.page.goto(link);
      await visitor.page.getByRole('heading', { name: 'Connect a service to Acme' }).waitFor();
      expect(await seriousInBothSchemes(visitor.page)).toEqual([]);
      await visitor.page.getByRole('button', { name: 'Grafana' }).click();
      await visitor.page.getByRole('heading', { name: 'Connect Grafana' }).waitFor();
    } finally {
      await visitor.context.close();
    }

    const { context, page } = await freshPage();
    try {
      await connectionsTab(page);
      await page
        .getByRole('row', { name: /sentinelone, grafana/ })
        .getByRole('button', { name: /Delete/ })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Delete this connect link?' });
      await dialog.waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Delete the link' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByRole('row', { name: /sentinelone, grafana/ }).count()).toBe(0);
      const links = await serve.request('GET', `/v1/organizations/${orgId}/connect-sessions`, {
        auth: admin,
      });
      expect(links.body.items.map((l: { id: string }) => l.id)).not.toContain(made.body.id);

      await page.goto(link);
      await page.getByRole('heading', { name: 'This link has expired or was already used' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe("the connections tab's own form", () => {
  it('adds a connection the provider checks, shows a later refusal, and deletes it', async () => {
    const { context, page } = await freshPage();
    try {
      await connectionsTab(page);
      await page.getByRole('link', { name: 'Add a connection' }).click();
      await page.getByRole('heading', { name: 'Add a connection' }).waitFor();
      await pickSentinelOne(page, 'Choose');
      await page.getByRole('heading', { name: 'SentinelOne', level: 3 }).waitFor();
      await page.getByRole('textbox', { name: /^Name/ }).fill('Acme S1');
      await page.getByLabel('Hostname').fill(formFake.hostname);
      await page.getByLabel('API Token').fill(WRONG_TOKEN);
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await page.getByRole('button', { name: 'Connect SentinelOne' }).click();
      await page.getByRole('alert').getByText('SentinelOne did not accept these credentials.').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('it answered 401');
      expect(await page.getByRole('textbox', { name: /^Name/ }).inputValue()).toBe('Acme S1');
      expect(await seriousInBothSchemes(page)).toEqual([]);

      await page.getByLabel('API Token').fill(FORM_TOKEN);
      await page.getByRole('button', { name: 'Connect SentinelOne' }).click();
      await page.getByRole('heading', { name: 'Connections', level: 2 }).waitFor();
      expect(page.url()).toBe(`${serve.url}/console/organizations/${orgId}/connections`);
      const row = page.getByRole('row', { name: /Acme S1/ });
      await row.getByText('passed').waitFor();
      const stored = (await connectionsOf()).find((c) => c.name === 'Acme S1');
      expect(stored?.lastCheck?.ok).toBe(true);

      // The token is revoked at the provider: the next check says so.
      formFake.accept(s1Token('rotated'));
      await row.getByRole('button', { name: 'Check Acme S1' }).click();
      await page
        .getByRole('status')
        .getByText('Acme S1: the provider refused the credential (it answered 401).')
        .waitFor();
      await row.getByText('refused (401)').waitFor();

      await row.getByRole('button', { name: 'Delete Acme S1' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete Acme S1?' });
      await dialog.waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Delete Acme S1' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('Acme S1 was deleted.').waitFor();
      expect(await row.count()).toBe(0);
      const gone = await serve.request('GET', `/v1/connections/${stored?.id}`, { auth: admin });
      expect(gone.status).toBe(404);
    } finally {
      await context.close();
    }
  });
});
