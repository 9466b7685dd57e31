/**
 * Takes the README's pictures of the console (`npm run screenshots`): the key list, the show-once
 * dialog and the Connect form, in the same headless Chromium that the browser tests drive, against a
 * real `keyward serve` on a fresh data directory. Anyone can make them again; nothing in them is real.
 *
 * Needs the console built (`npm install` builds it) and Debian's Chromium at /usr/bin/chromium.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeywardClient } from '@keyward/client';
import { chromium, type Page } from 'playwright-core';
import { startProcess } from '../bench/process.js';

const OUT = 'docs/screenshots';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const DAY = 86_400;

const dataDir = mkdtempSync(join(tmpdir(), 'keyward-screenshots-'));
const password = randomBytes(18).toString('base64url');
const server = await startProcess(
  [process.execPath, 'bin/keyward.js', 'serve', '--port', '0', '--data-dir', join(dataDir, 'data')],
  {
    banner: /^Keyward listening on (http:\/\/\S+)/m,
    env: { ...process.env, KEYWARD_ADMIN_PASSWORD: password, KEYWARD_LOG_LEVEL: 'warn' },
  },
);
const browser = await chromium.launch({ executablePath: CHROMIUM });

try {
  const url = server.address;
  const orgId = await seed(url);
  mkdirSync(OUT, { recursive: true });

  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const page = await context.newPage();
  await signIn(page, url);
  await page.goto(`${url}/console/organizations/${orgId}/keys`);
  await page.getByRole('row', { name: /checkout-service/ }).waitFor();
  await shoot(page, 'key-list.png');

  await showOnceDialog(page);
  await shoot(page, 'show-once-dialog.png');
  await context.close();

  // The Connect page is opened by someone with no account: a context with no session.
  const link = await connectLink(url, orgId);
  const outsider = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  const form = await outsider.newPage();
  await form.goto(link);
  await form.getByRole('heading', { name: 'Connect SentinelOne', level: 1 }).waitFor();
  await shoot(form, 'connect-form.png');
  await outsider.close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** An organization with a service user and a few keys in different states, made through the API. */
async function seed(url: string): Promise<string> {
  const admin = await adminClient(url);
  const org = await admin.createOrganization({ name: 'Acme Robotics', keyPrefix: 'acme' });
  const billing = await admin.createServiceUser(org.id, { name: 'billing', role: 'member' });
  await admin.createKey(org.id, { name: 'checkout-service', role: 'member', ownerId: billing.id });
  await admin.createKey(org.id, {
    name: 'nightly-export',
    role: 'member',
    ownerId: billing.id,
    ttl: 30 * DAY,
    scopes: ['apikeys:read'],
  });
  const ci = await admin.createKey(org.id, { name: 'ci-deploy', role: 'admin', ttl: 90 * DAY });
  await admin.createKey(org.id, { name: 'old-laptop', role: 'member' }).then((k) => admin.revokeKey(k.id));
  await admin.rotateKey(ci.id, DAY);
  return org.id;
}

async function adminClient(url: string): Promise<KeywardClient> {
  const tokens = await new KeywardClient(url).signIn('admin', password);
  return new KeywardClient(url, { authorization: async () => `Bearer ${tokens.accessToken}` });
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
}

/** Creates a key through the console's steps, which ends in the show-once dialog. */
async function showOnceDialog(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Create key' }).click();
  await page.getByLabel('Name', { exact: true }).fill('reporting-dashboard');
  await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'billing (service user, member)' });
  for (const step of ['Role and scopes', 'Expiry and limits', 'Review']) {
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: new RegExp(step) }).waitFor();
  }
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('dialog', { name: 'Copy your new key' }).waitFor();
}

/** A connect link for SentinelOne, made through the API as an org admin would. */
async function connectLink(url: string, orgId: string): Promise<string> {
  const session = await adminClient(url).then((admin) =>
    admin.createConnectSession(orgId, { providers: ['sentinelone'], connectionName: 'SentinelOne' }),
  );
  return `${url}/console/connect#${session.token}`;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, name) });
  console.log(`wrote ${join(OUT, name)}`);
}
