import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { CHROMIUM, otherOrigin, seriousInBothSchemes, signInAt } from './support.js';

/**
 * The web console in a real headless Chromium against a real `keyward serve` (issue 17): sign-in, the
 * organizations and their keys, sign-out; the cookie that scripts cannot read; a cross-site form post
 * refused; the CSP that stops inline script; and axe in light and dark mode on every page.
 */
const PASSWORD = 'console-admin-password';
rememberSecret(PASSWORD);

let serve: Serve;
let browser: Browser;
let admin: { bearer: string };
let orgId: string;
/** The secret of the key the first test revokes in the browser. */
let billingKey: string;

beforeAll(async () => {
  serve = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });
  if (!serve.url.startsWith('http://127.0.0.1:')) throw new Error(`unexpected address ${serve.url}`);
  admin = { bearer: await serve.signIn('admin', PASSWORD) };
  const org = await serve.request('POST', '/v1/organizations', { auth: admin, body: { name: 'Acme' } });
  orgId = org.body.id;
  const key = await serve.request('POST', `/v1/organizations/${orgId}/apikeys`, {
    auth: admin,
    body: { name: 'billing-service', role: 'member', ttl: 86_400 },
  });
  if (key.status !== 201) throw new Error(key.text);
  billingKey = key.body.apiKey;
  browser = await chromium.launch({ executablePath: CHROMIUM });
});

afterAll(async () => {
  await browser?.close();
  await cleanupServe();
});

async function freshPage(width = 1440): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page): Promise<void> {
  await signInAt(page, `${serve.url}/console`, 'admin', PASSWORD);
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
}

async function organizationCount(): Promise<number> {
  return (await serve.request('GET', '/v1/organizations', { auth: admin })).body.items.length;
}

describe('the console in a browser', () => {
  it('signs in, lists the organizations and their keys, and signs out', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${serve.url}/console`);
      await page.getByRole('heading', { name: 'Sign in to Keyward' }).waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);

      await signIn(page);
      expect(await seriousInBothSchemes(page)).toEqual([]);

      await page.getByRole('link', { name: 'Acme' }).click();
      await page.getByRole('heading', { name: 'Acme: API keys' }).waitFor();
      const row = page.getByRole('row', { name: /billing-service/ });
      expect(await row.textContent()).toMatch(/member.*active/);
      expect(await row.textContent()).toMatch(/never.*Revoke billing-service$/);
      expect(page.url()).toBe(`${serve.url}/console/organizations/${orgId}`);
      expect(await seriousInBothSchemes(page)).toEqual([]);

      // A reload keeps the session (the cookie) and the page (the path).
      await page.reload();
      await page.getByRole('heading', { name: 'Acme: API keys' }).waitFor();

      // Revoking asks first, naming the key; the request carries the session's CSRF token.
      await row.getByRole('button', { name: 'Revoke billing-service' }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke billing-service?' });
      await dialog.waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Revoke billing-service' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('revoked').waitFor();
      const verified = await serve.request('POST', '/v1/keys/verify', {
        auth: admin,
        body: { key: billingKey },
      });
      expect(verified.body.code).toBe('REVOKED');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Keyward' }).waitFor();
      expect(await context.cookies()).toEqual([]);
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in to Keyward' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('says so when the password is wrong', async () => {
    const { context, page } = await freshPage();
    try {
      await signInAt(page, `${serve.url}/console`, 'admin', 'not-the-password');
      await page.getByRole('alert').getByText('The username or password is wrong').waitFor();
      expect(await seriousInBothSchemes(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is readable at 360 px: nothing wider than the screen, and axe finds nothing serious', async () => {
    const { context, page } = await freshPage(360);
    try {
      await signIn(page);
      await page.goto(`${serve.url}/console/organizations/${orgId}`);
      await page.getByRole('heading', { name: 'Acme: API keys' }).waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      expect(await seriousInBothSchemes(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says so, with a way back, for a path that is no page', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page);
      const org = `/organizations/${orgId}`;
      for (const path of ['/nope', `${org}/nope`, `${org}/members/nope`, `${org}/keys/nope`]) {
        await page.goto(`${serve.url}/console${path}`);
        await page.getByRole('heading', { name: 'Page not found' }).waitFor();
        await page.getByRole('link', { name: 'Go to the organizations' }).waitFor();
        expect(await seriousInBothSchemes(page)).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
});

describe('the console keeps its session from page scripts and other sites', () => {
  it('holds the session in an HttpOnly, SameSite=Strict cookie, and no token where scripts can read', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page);
      const cookies = await context.cookies();
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatchObject({
        name: 'keyward_session',
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
      });
      rememberSecret(cookies[0]?.value);
      // Strings, not functions: they run in the page, whose DOM this Node program has no types for.
      const visible = await page.evaluate(
        '({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length })',
      );
      expect(visible).toEqual({ cookie: '', local: 0, session: 0 });
    } finally {
      await context.close();
    }
  });

  /** Signs in, then submits a form of another origin to Keyward: its answer, and the cookie sent with it. */
  async function postFromElsewhere(host: 'localhost' | '127.0.0.1') {
    const { context, page } = await freshPage();
    const origin = await otherOrigin(
      // A text/plain form whose body reads as JSON: the classic way around a JSON-only API.
      `<!doctype html><html lang="en"><title>Elsewhere</title><form method="post" enctype="text/plain" ` +
        `action="${serve.url}/v1/organizations"><input type="hidden" name='{"name":"Evil","x":"' value='"}'>` +
        `<button>Win a prize</button></form></html>`,
      host,
    );
    try {
      await signIn(page);
      const before = await organizationCount();
      await page.goto(origin.url);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${serve.url}/v1/organizations`),
        page.getByRole('button').click(),
      ]);
      expect(await organizationCount()).toBe(before);
      return {
        status: response.status(),
        code: (await response.json()).error.code,
        cookieSent: (await response.request().allHeaders()).cookie !== undefined,
      };
    } finally {
      await context.close();
      await origin.close();
    }
  }

  it('refuses a form posted from another site: the browser does not send the cookie', async () => {
    expect(await postFromElsewhere('localhost')).toEqual({
      status: 401,
      code: 'UNAUTHORIZED',
      cookieSent: false,
    });
  });

  it('refuses a form posted from the same site on another port: the cookie comes without the CSRF token', async () => {
    expect(await postFromElsewhere('127.0.0.1')).toEqual({
      status: 403,
      code: 'CSRF_FAILED',
      cookieSent: true,
    });
  });

  it('sends a strict CSP, under which an inline script does not run', async () => {
    const { context, page } = await freshPage();
    try {
      const response = await page.goto(`${serve.url}/console`);
      expect(response?.headers()['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      await page.getByRole('heading', { name: 'Sign in to Keyward' }).waitFor();
      const violated = await page.evaluate(`new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
      })`);
      expect(violated).toBe('script-src-elem');
      expect(await page.evaluate('window.injected')).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});
