import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type Reply, type TestApp } from '../support/app.js';
import { rememberSecret } from '../support/secrets.js';

/**
 * The web console's cookie session (docs/console.md): sign-in through the same password check and
 * throttle as `POST /v1/auth/token`, a cookie that page scripts cannot read, the same caller as the
 * user's token, and a CSRF token on every state-changing request made with the cookie.
 */
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(undefined, { KEYWARD_AUTH_FAILURES_PER_MINUTE: '5' });
});
afterEach(() => t.close());

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
  reply: Reply;
}

function setCookieOf(reply: Reply): string {
  const header = reply.headers['set-cookie'];
  return String(Array.isArray(header) ? header[0] : header);
}

async function signIn(
  username = 'admin',
  password = ADMIN_PASSWORD,
  headers: Record<string, string> = {},
): Promise<Signed> {
  rememberSecret(password);
  const reply = await t.request('POST', '/v1/console/session', { body: { username, password }, headers });
  expect(reply.status, reply.text).toBe(200);
  const setCookie = setCookieOf(reply);
  const cookie = setCookie.split(';')[0] as string;
  rememberSecret(cookie.split('=')[1]);
  rememberSecret(reply.body.csrfToken);
  return { cookie, csrf: reply.body.csrfToken, setCookie, reply };
}

describe('signing in to the console', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and answers the user and a CSRF token, never a token', async () => {
    const { setCookie, reply } = await signIn();
    expect(setCookie).toMatch(
      /^keyward_session=kwr_[0-9A-Za-z]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    expect(reply.body).toEqual({
      user: { id: expect.stringMatching(/^usr_/), username: 'admin', clusterAdmin: true },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    expect(reply.text).not.toContain('kwr_');
    const audit = await t.request('GET', '/v1/audit?action=console.signin', {
      auth: { bearer: await t.tokenFor('admin', ADMIN_PASSWORD) },
    });
    expect(audit.body.items).toHaveLength(1);
  });

  it('marks the cookie Secure when the request came over TLS through a proxy', async () => {
    const { setCookie } = await signIn('admin', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(setCookie).toMatch(/; Secure$/);
  });

  it('refuses a wrong password as the token route does, audited and throttled', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await t.request('POST', '/v1/console/session', {
        body: { username: 'admin', password: 'not-the-password' },
      });
      expect(reply.status).toBe(401);
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
    const throttled = await t.request('POST', '/v1/console/session', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBeDefined();
  });

  it('validates the body', async () => {
    const reply = await t.request('POST', '/v1/console/session', { body: { username: 'admin' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_REQUEST');
  });
});

describe('requests with the cookie', () => {
  it('act as the user, and read the session back', async () => {
    const { cookie, csrf } = await signIn();
    const me = await t.request('GET', '/v1/me', { headers: { cookie } });
    expect(me.body).toMatchObject({ kind: 'user', name: 'admin', clusterAdmin: true, keyId: null });
    const session = await t.request('GET', '/v1/console/session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(csrf);
  });

  it('need the CSRF token of their own session to change anything', async () => {
    const { cookie, csrf } = await signIn();
    const other = await signIn();
    expect(other.csrf).not.toBe(csrf);
    const create = (headers: Record<string, string>) =>
      t.request('POST', '/v1/organizations', { headers: { cookie, ...headers }, body: { name: 'Console' } });
    const count = async () =>
      (await t.request('GET', '/v1/organizations', { headers: { cookie } })).body.items.length as number;
    const before = await count();
    const wrong: Record<string, string>[] = [
      {},
      { 'x-keyward-csrf': 'forged' },
      { 'x-keyward-csrf': other.csrf },
    ];
    for (const headers of wrong) {
      const refused = await create(headers);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'CSRF_FAILED', requestId: expect.any(String) });
    }
    expect(await count()).toBe(before);
    expect((await create({ 'x-keyward-csrf': csrf })).status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('give way to a header credential, which needs no CSRF token', async () => {
    const { cookie } = await signIn();
    const bad = await t.request('GET', '/v1/me', { headers: { cookie }, auth: { key: 'kw_not-a-key' } });
    expect(bad.status).toBe(401);
    const token = await t.tokenFor('admin', ADMIN_PASSWORD);
    const made = await t.request('POST', '/v1/organizations', {
      headers: { cookie },
      auth: { bearer: token },
      body: { name: 'Header' },
    });
    expect(made.status).toBe(201);
    // The session routes belong to the cookie alone.
    expect((await t.request('GET', '/v1/console/session', { auth: { bearer: token } })).status).toBe(401);
  });

  it('are refused when the cookie is unknown or sent twice', async () => {
    const { cookie } = await signIn();
    const unknown = await t.request('GET', '/v1/me', {
      headers: { cookie: `keyward_session=kwr_${'x'.repeat(43)}` },
    });
    expect(unknown.status).toBe(401);
    // The browser is told to forget a cookie that opens nothing.
    expect(setCookieOf(unknown)).toMatch(/^keyward_session=; Path=\/; Max-Age=0;/);
    const twice = await t.request('GET', '/v1/me', { headers: { cookie: `${cookie}; ${cookie}` } });
    expect(twice.status).toBe(401);
    expect((await t.request('GET', '/v1/me', { headers: { cookie: 'other=1' } })).status).toBe(401);
  });
});

describe('signing out', () => {
  it('ends the session on the server and clears the cookie', async () => {
    const { cookie, csrf } = await signIn();
    expect((await t.request('DELETE', '/v1/console/session', { headers: { cookie } })).status).toBe(403);
    const out = await t.request('DELETE', '/v1/console/session', {
      headers: { cookie, 'x-keyward-csrf': csrf },
    });
    expect(out.status).toBe(200);
    expect(setCookieOf(out)).toMatch(/^keyward_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
    const after = await t.request('GET', '/v1/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHORIZED');
  });

  it('happens too when a cluster admin resets the password', async () => {
    const admin = { bearer: await t.tokenFor('admin', ADMIN_PASSWORD) };
    const user = await t.request('POST', '/v1/users', {
      auth: admin,
      body: { username: 'dana', password: 'dana-password-1' },
    });
    const { cookie } = await signIn('dana', 'dana-password-1');
    expect((await t.request('GET', '/v1/me', { headers: { cookie } })).status).toBe(200);
    await t.request('PATCH', `/v1/users/${user.body.id}`, {
      auth: admin,
      body: { password: 'dana-password-2' },
    });
    rememberSecret('dana-password-2');
    expect((await t.request('GET', '/v1/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('the console pages', () => {
  it('serve one page for every console path, under a strict CSP', async () => {
    for (const path of ['/console', '/console/', '/console/organizations/org_x']) {
      const page = await t.request('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(page.text).not.toMatch(/\sstyle=/);
    }
  });

  it('serve hashed assets for a year, and nothing else', async () => {
    const page = await t.request('GET', '/console');
    const assets = [...page.text.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const reply = await t.request('GET', asset);
      expect(reply.status, asset).toBe(200);
      expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset).toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
    }
    expect((await t.request('GET', '/console/assets/nope.js')).status).toBe(404);
    expect((await t.request('GET', '/console/assets/..%2Fmanifest.json')).status).toBe(404);
  });
});
