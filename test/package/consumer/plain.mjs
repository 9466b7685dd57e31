// A program that uses @keyward/client from plain Node, as an application would once it has run
// `npm install @keyward/client`: test/package/client-pack.test.ts runs it against a real server.
// Usage: node plain.mjs <url> <admin password> <organization name>
import { ApiError, apiKeyCredentials, KeywardClient } from '@keyward/client';

const [url, password, orgName] = process.argv.slice(2);

const anonymous = new KeywardClient(url);
const { accessToken } = await anonymous.signIn('admin', password);
const admin = new KeywardClient(url, { authorization: async () => `Bearer ${accessToken}` });

const org = await admin.createOrganization({ name: orgName });
const service = await admin.createServiceUser(org.id, { name: 'billing', role: 'member' });
const created = await admin.createKey(org.id, { name: 'billing', role: 'member', ownerId: service.id });

const asKey = new KeywardClient(url, apiKeyCredentials(created.apiKey));
const me = await asKey.me();

let refused = null;
try {
  await anonymous.signIn('admin', `${password}-wrong`);
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  refused = { status: error.status, code: error.code, requestId: error.requestId };
}

console.log(JSON.stringify({ org, service, key: created, me, refused }));
