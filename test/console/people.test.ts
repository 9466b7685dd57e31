import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { CHROMIUM, seriousInBothSchemes, signInAt } from './support.js';

/**
 * The console's people pages in a real headless Chromium against a real `keyward serve` (issue 17):
 * creating an organization; an organization's members and service users; the cluster's users. What the
 * browser did is checked through the API, and what a plain member sees is the API's own answer.
 */
const PASSWORD = 'people-admin-password';
const PLAIN_PASSWORD = 'people-plain-password';
rememberSecret(PASSWORD);
rememberSecret(PLAIN_PASSWORD);

let serve: Serve;
let browser: Browser;
let admin: { bearer: string };
let orgId: string;
let plainId: string;

beforeAll(async () => {
  serve = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });
  admin = { bearer: await serve.signIn('admin', PASSWORD) };
  orgId = (await created('POST', '/v1/organizations', { name: 'Globex' })).id;
  plainId = (await created('POST', '/v1/users', { username: 'pat', password: PLAIN_PASSWORD })).id;
  await created('POST', `/v1/organizations/${orgId}/members`, { userId: plainId, role: 'member' });
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await cleanupServe();
});

/** A request as the cluster admin that must answer 201: its body. */
async function created(method: string, path: string, body: unknown) {
  const reply = await serve.request(method, path, { auth: admin, body });
  if (reply.status !== 201) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** A key for someone other than the admin, made through the API, to see what removing its owner does. */
async function keyFor(ownerId: string): Promise<string> {
  const key = await created('POST', `/v1/organizations/${orgId}/apikeys`, {
    name: `key-of-${ownerId}`,
    role: 'member',
    ownerId,
  });
  rememberSecret(key.apiKey);
  return key.apiKey;
}

async function verify(key: string): Promise<string> {
  return (await serve.request('POST', '/v1/keys/verify', { auth: admin, body: { key } })).body.code;
}

async function signedIn(
  username = 'admin',
  password = PASSWORD,
  width = 1440,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAt(page, `${serve.url}/console`, username, password);
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  return { context, page };
}

async function inBrowser(run: (page: Page) => Promise<void>, as?: [string, string], width?: number) {
  const { context, page } = await signedIn(as?.[0], as?.[1], width);
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

describe('the organizations page', () => {
  it('creates an organization from its form and opens it', () =>
    inBrowser(async (page) => {
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await page.getByLabel('Name').fill('Initech');
      await page.getByLabel('Key prefix (optional)').fill('ini');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.getByRole('heading', { name: 'Initech: API keys' }).waitFor();
      const id = /\/console\/organizations\/(org_\w{22})$/.exec(page.url())?.[1];
      const org = await serve.request('GET', `/v1/organizations/${id}`, { auth: admin });
      expect(org.body).toMatchObject({ name: 'Initech', keyPrefix: 'ini' });
    }));
});

describe('the service users tab', () => {
  it('creates a service user, offers a key for it, edits it, and deletes it after naming it', () =>
    inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/organizations/${orgId}/service-users`);
      await page.getByRole('heading', { name: 'Globex: Service users' }).waitFor();
      await page.getByLabel('Name').fill('ci-deployer');
      await page.getByLabel('Description (optional)').fill('Deploys from CI');
      await page.getByLabel('Role').selectOption('admin');
      await page.getByLabel('Expires (optional)').fill('2031-03-04T05:06');
      await page.getByRole('button', { name: 'Create service user' }).click();
      const done = page.getByRole('status').filter({ hasText: 'ci-deployer was created' });
      await done.waitFor();
      const row = page.getByRole('row', { name: /ci-deployer/ });
      expect(await row.textContent()).toMatch(/ci-deployerDeploys from CIadmin.*2031/);
      expect(await page.getByLabel('Name').inputValue()).toBe('');
      expect(await seriousInBothSchemes(page)).toEqual([]);

      const listed = await serve.request('GET', `/v1/organizations/${orgId}/service-users`, { auth: admin });
      const serviceUser = listed.body.items.find((s: { name: string }) => s.name === 'ci-deployer');
      expect(serviceUser).toMatchObject({ description: 'Deploys from CI', role: 'admin' });
      expect(Date.parse(serviceUser.expiresAt)).toBe(new Date(2031, 2, 4, 5, 6).getTime());
      const key = await keyFor(serviceUser.id);
      expect(await verify(key)).toBe('VALID');

      await row.getByRole('button', { name: 'Edit ci-deployer' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit ci-deployer' });
      await edit.waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await edit.getByLabel('Name').fill('ci-release');
      await edit.getByLabel('Role').selectOption('member');
      await edit.getByLabel('Expires (optional)').fill('');
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'detached' });
      const edited = page.getByRole('row', { name: /ci-release/ });
      expect(await edited.textContent()).toMatch(/ci-releaseDeploys from CImembernever/);
      const after = await serve.request('GET', `/v1/organizations/${orgId}/service-users/${serviceUser.id}`, {
        auth: admin,
      });
      expect(after.body).toMatchObject({ name: 'ci-release', role: 'member', expiresAt: null });

      await edited.getByRole('button', { name: 'Delete ci-release' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete ci-release?' });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('every key it holds is revoked');
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await confirm.getByRole('button', { name: 'Delete ci-release' }).click();
      await confirm.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'ci-release was deleted' }).waitFor();
      expect(await page.getByRole('row', { name: /ci-release/ }).count()).toBe(0);
      const gone = await serve.request('GET', `/v1/organizations/${orgId}/service-users/${serviceUser.id}`, {
        auth: admin,
      });
      expect(gone.status).toBe(404);
      expect(await verify(key)).toBe('REVOKED');
    }));

  it('links a new service user to the creation of its first key', () =>
    inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/organizations/${orgId}/service-users`);
      await page.getByLabel('Name').fill('nightly-export');
      await page.getByRole('button', { name: 'Create service user' }).click();
      await page.getByRole('link', { name: 'Create a key for nightly-export' }).click();
      await page.waitForURL(/\/keys\/new\?owner=svc_/);
      const listed = await serve.request('GET', `/v1/organizations/${orgId}/service-users`, { auth: admin });
      const id = listed.body.items.find((s: { name: string }) => s.name === 'nightly-export').id;
      expect(page.url()).toBe(`${serve.url}/console/organizations/${orgId}/keys/new?owner=${id}`);
    }));

  it("shows the server's refusal of a name and keeps what was typed", () =>
    inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/organizations/${orgId}/service-users`);
      // A right-to-left override passes the browser's checks; the API refuses text that reads backwards.
      const name = 'backup\u202Egnp.exe';
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Description (optional)').fill('kept');
      await page.getByRole('button', { name: 'Create service user' }).click();
      await page
        .getByRole('alert')
        .getByText(/^body\.name: /)
        .waitFor();
      expect(await page.getByLabel('Name').inputValue()).toBe(name);
      expect(await page.getByLabel('Description (optional)').inputValue()).toBe('kept');
      expect(await seriousInBothSchemes(page)).toEqual([]);
    }));

  it('is readable at 360 px: nothing wider than the screen', async () => {
    await created('POST', `/v1/organizations/${orgId}/service-users`, {
      name: 'a-service-user-with-a-rather-long-name-for-a-narrow-screen',
      description: 'Its description is long too, so that the card it makes has to wrap its lines.',
      role: 'member',
    });
    await inBrowser(
      async (page) => {
        await page.goto(`${serve.url}/console/organizations/${orgId}/service-users`);
        await page.getByRole('heading', { name: 'Globex: Service users' }).waitFor();
        await page.getByRole('row', { name: /rather-long-name/ }).waitFor();
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        expect(await seriousInBothSchemes(page)).toEqual([]);
      },
      undefined,
      360,
    );
  });
});

describe('the members tab and the users page', () => {
  it('creates a user, adds them as a member, makes them admin, and removes them after naming them', () =>
    inBrowser(async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      const password = 'robin-first-password';
      rememberSecret(password);
      await page.getByLabel('Username').fill('robin');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('status').filter({ hasText: 'robin was created' }).waitFor();
      expect(await page.getByRole('row', { name: /robin/ }).textContent()).toMatch(/^robinnoenabled/);
      expect(await page.getByLabel('Password').inputValue()).toBe('');
      const users = await serve.request('GET', '/v1/users', { auth: admin });
      const robinId = users.body.items.find((u: { username: string }) => u.username === 'robin').id;
      rememberSecret(await serve.signIn('robin', password));

      await page.goto(`${serve.url}/console/organizations/${orgId}/members`);
      await page.getByRole('heading', { name: 'Globex: Members' }).waitFor();
      await page.getByLabel('User', { exact: true }).selectOption({ label: 'robin' });
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('status').filter({ hasText: 'robin was added as a member' }).waitFor();
      const row = page.getByRole('row', { name: /robin/ });
      expect(await row.textContent()).toMatch(/^robinmember/);
      expect(await seriousInBothSchemes(page)).toEqual([]);
      const member = () =>
        serve
          .request('GET', `/v1/organizations/${orgId}/members`, { auth: admin })
          .then((r) => r.body.items.find((m: { userId: string }) => m.userId === robinId));
      expect(await member()).toMatchObject({ username: 'robin', role: 'member' });
      const key = await keyFor(robinId);

      await row.getByRole('button', { name: 'Make admin robin' }).click();
      await row.getByRole('button', { name: 'Make member robin' }).waitFor();
      expect(await row.textContent()).toMatch(/^robinadmin/);
      expect(await member()).toMatchObject({ role: 'admin' });

      await row.getByRole('button', { name: 'Remove robin' }).click();
      const confirm = page.getByRole('dialog', { name: 'Remove robin from Globex?' });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('every key they hold in it is revoked');
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await confirm.getByRole('button', { name: 'Remove robin' }).click();
      await confirm.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'robin was removed from Globex' }).waitFor();
      expect(await page.getByRole('row', { name: /robin/ }).count()).toBe(0);
      expect(await member()).toBeUndefined();
      expect(await verify(key)).toBe('REVOKED');
    }));

  it('adds a member with the keyboard alone', async () => {
    await created('POST', '/v1/users', { username: 'kim', password: 'kim-password-1' });
    rememberSecret('kim-password-1');
    await inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/organizations/${orgId}/members`);
      await page.getByRole('heading', { name: 'Globex: Members' }).waitFor();
      await page.getByLabel('User', { exact: true }).waitFor();
      // The page's heading has the focus; the form is some tabs away, past the tabs and the rows' buttons.
      for (let tabs = 0; tabs < 30; tabs++) {
        if ((await page.evaluate('document.activeElement.id')) === 'member-user') break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate('document.activeElement.id')).toBe('member-user');
      await page.keyboard.type('kim');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.id')).toBe('member-role');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'kim was added as a member' }).waitFor();
      const members = await serve.request('GET', `/v1/organizations/${orgId}/members`, { auth: admin });
      expect(members.body.items.map((m: { username: string }) => m.username)).toContain('kim');
    });
  });

  it('lets an organization admin who is not a cluster admin add a member by user id', async () => {
    const olga = await created('POST', '/v1/users', { username: 'olga', password: 'olga-password-1' });
    rememberSecret('olga-password-1');
    await created('POST', `/v1/organizations/${orgId}/members`, { userId: olga.id, role: 'admin' });
    const nia = await created('POST', '/v1/users', { username: 'nia', password: 'nia-password-1' });
    rememberSecret('nia-password-1');
    await inBrowser(
      async (page) => {
        await page.goto(`${serve.url}/console/organizations/${orgId}/members`);
        await page.getByRole('heading', { name: 'Add a member' }).waitFor();
        // Only cluster admins may list users, so there is no picker: the id is typed.
        await page.getByLabel('User id').fill(nia.id);
        await page.getByRole('button', { name: 'Add member' }).click();
        await page.getByRole('status').filter({ hasText: 'nia was added as a member' }).waitFor();
        expect(await page.getByRole('row', { name: /^nia/ }).textContent()).toMatch(/^niamember/);
        expect(await seriousInBothSchemes(page)).toEqual([]);
      },
      ['olga', 'olga-password-1'],
    );
  });

  it('disables a user, and enables them again', async () => {
    const lee = await created('POST', '/v1/users', { username: 'lee', password: 'lee-password-1' });
    rememberSecret('lee-password-1');
    const disabled = async () =>
      (await serve.request('GET', `/v1/users/${lee.id}`, { auth: admin })).body.disabled;
    await inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/users`);
      const row = page.getByRole('row', { name: /^lee/ });
      await row.getByRole('button', { name: 'Disable lee' }).click();
      await row.getByText('disabled', { exact: true }).waitFor();
      expect(await disabled()).toBe(true);
      const token = await serve.request('POST', '/v1/auth/token', {
        auth: { basic: ['lee', 'lee-password-1'] },
      });
      expect(token.status).toBe(401);
      await row.getByRole('button', { name: 'Enable lee' }).click();
      await row.getByText('enabled', { exact: true }).waitFor();
      expect(await disabled()).toBe(false);
    });
  });

  it('deletes a user after naming them, and their keys are revoked', async () => {
    const sam = await created('POST', '/v1/users', { username: 'sam', password: 'sam-password-1' });
    rememberSecret('sam-password-1');
    await created('POST', `/v1/organizations/${orgId}/members`, { userId: sam.id, role: 'member' });
    const key = await keyFor(sam.id);
    await inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/users`);
      await page.getByRole('row', { name: /^sam/ }).getByRole('button', { name: 'Delete sam' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete sam?' });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('is revoked at once');
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await confirm.getByRole('button', { name: 'Delete sam' }).click();
      await confirm.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'sam was deleted' }).waitFor();
      expect((await serve.request('GET', `/v1/users/${sam.id}`, { auth: admin })).status).toBe(404);
      expect(await verify(key)).toBe('REVOKED');
    });
  });

  it("shows the server's refusal of a taken username, keeps the username and forgets the password", () =>
    inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/users`);
      await page.getByLabel('Username').fill('pat');
      await page.getByLabel('Password').fill('another-password');
      rememberSecret('another-password');
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('alert').getByText('body.username: is taken').waitFor();
      expect(await page.getByLabel('Username').inputValue()).toBe('pat');
      expect(await page.getByLabel('Password').inputValue()).toBe('');
      expect(await seriousInBothSchemes(page)).toEqual([]);
    }));
});

describe('a plain member', () => {
  const pat: [string, string] = ['pat', PLAIN_PASSWORD];

  it('sees their organizations, and its members without the buttons that change them', () =>
    inBrowser(async (page) => {
      await page.getByRole('link', { name: 'Globex' }).waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await page.goto(`${serve.url}/console/organizations/${orgId}/members`);
      await page.getByRole('heading', { name: 'Globex: Members' }).waitFor();
      const own = page.getByRole('row', { name: /^pat/ });
      expect(await own.textContent()).toMatch(/^pat \(you\)member/);
      expect(await page.getByRole('row', { name: /^admin/ }).count()).toBe(1);
      expect(await page.getByRole('button', { name: /^(Remove|Make)/ }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Add a member' }).count()).toBe(0);
      expect(await seriousInBothSchemes(page)).toEqual([]);
    }, pat));

  it('has no Users link, and the users page shows the API refusal plainly', () =>
    inBrowser(async (page) => {
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Organizations' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
      await page.goto(`${serve.url}/console/users`);
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await page.getByRole('alert').getByText('Only cluster admins list users').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await seriousInBothSchemes(page)).toEqual([]);
    }, pat));

  it('sees the refusal of the service users tab, which only admins may read', () =>
    inBrowser(async (page) => {
      await page.goto(`${serve.url}/console/organizations/${orgId}/service-users`);
      await page.getByRole('heading', { name: 'Globex: Service users' }).waitFor();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('button', { name: 'Create service user' }).count()).toBe(0);
    }, pat));
});
