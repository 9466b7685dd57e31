// A TypeScript program that uses @keyward/client with no other package, not even @types/node:
// test/package/client-pack.test.ts compiles it with this directory's strict tsconfig.json, then runs it
// against a real server. Usage: node out/typed.js <url> <admin password> <organization name>
import {
  ApiError,
  type ApiKey,
  apiKeyCredentials,
  type CreatedKey,
  type Credentials,
  KeywardClient,
  type Me,
  type Organization,
} from '@keyward/client';

// Node's own global, declared here rather than taken from @types/node, which this program does without.
declare const process: { argv: string[] };

const [url = '', password = '', orgName = ''] = process.argv.slice(2);

const anonymous = new KeywardClient(url);
const { accessToken } = await anonymous.signIn('admin', password);
const bearer: Credentials = { authorization: async () => `Bearer ${accessToken}` };
const admin = new KeywardClient(url, bearer);

const org: Organization = await admin.createOrganization({ name: orgName });
// @ts-expect-error An organization's prefix is `keyPrefix`: the types must know the record's fields.
const wrong: string = org.prefix;
const service = await admin.createServiceUser(org.id, { name: 'reports', role: 'member' });
const created: CreatedKey = await admin.createKey(org.id, {
  name: 'reports',
  role: 'member',
  ownerId: service.id,
});

const asKey = new KeywardClient(url, apiKeyCredentials(created.apiKey));
const me: Me = await asKey.me();
const listed: ApiKey[] = await admin.listKeys(org.id);
await admin.revokeKey(created.id);

let afterRevoke: { status: number; code: string } | null = null;
try {
  await asKey.me();
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  afterRevoke = { status: error.status, code: error.code };
}

console.log(
  JSON.stringify({
    org,
    wrong: wrong ?? null,
    key: { id: created.id, apiKey: created.apiKey, hint: created.hint },
    me,
    listed: listed.map((key) => key.id),
    afterRevoke,
  }),
);
