import { CHANGES, type Operation } from './attacker.js';
import type { Starting } from './world.js';

/**
 * What the hunt found on the code before PRODUCT.md §4a was enforced (2026-12-05), each shrunk by
 * fast-check to its shortest form and kept as written here, so that it runs as a regression case
 * whatever the generators become. `key: 0` is the cluster admin's own key in organization A, `key: 3`
 * is `ci`'s key with a quota of 3, `org: 0` is organization A, `user: 4` is pat, `connection: 0` is
 * A's connection, `key: 1` alice's key. The case after the regressions of §4a is a class found and fixed
 * with connections, kept the same way; the last guards connect links, which came later, in the same form.
 */
export const REGRESSIONS: { found: string; start: Starting[]; steps: Operation[] }[] = [
  {
    found: "an org admin's key rotated the cluster admin's key in their shared organization: cluster power",
    start: ['aliceKey'],
    steps: [{ op: 'rotateKey', by: 0, key: 0, grace: 0 }],
  },
  {
    found: "a key scoped to apikeys:write and serviceusers:write rotated the cluster admin's key",
    start: ['scopedKey'],
    steps: [{ op: 'rotateKey', by: 0, key: 0, grace: 0 }],
  },
  {
    found: 'a scoped key made an unscoped key, which could read what the scoped one could not',
    start: ['scopedKey'],
    steps: [
      {
        op: 'createKey',
        by: 0,
        org: 0,
        owner: 0,
        role: 0,
        scopes: 0,
        ttl: 0,
        limit: 0,
        quota: 0,
        supplied: false,
      },
    ],
  },
  {
    found: "an org admin's key that expires in an hour made pat an admin, who stayed one after it expired",
    start: ['patToken', 'aliceKey'],
    steps: [{ op: 'addMember', by: 1, org: 0, user: 4, role: 0 }],
  },
  {
    found: 'an access token alone set its own password, and the account was the attacker’s',
    start: ['patToken'],
    steps: [
      { op: 'setPassword', by: 0, user: 4, withCurrent: false },
      { op: 'signIn', user: 0 },
    ],
  },
  {
    found: 'a key with a quota of 3 rotated itself and its successor had a fresh quota of 3',
    start: ['ciKey'],
    steps: [
      { op: 'verify', by: 0, presented: 0 },
      { op: 'verify', by: 0, presented: 0 },
      { op: 'rotateKey', by: 0, key: 3, grace: 2 },
    ],
  },
  {
    found: "an org admin's expiring key made a key for the cluster admin that carried cluster power",
    start: ['aliceKey'],
    steps: [
      {
        op: 'createKey',
        by: 0,
        org: 0,
        owner: 1,
        role: 0,
        scopes: 0,
        ttl: 0,
        limit: 0,
        quota: 0,
        supplied: false,
      },
    ],
  },
  {
    found: 'a plain user made an organization, added the cluster admin and made a key for them',
    start: ['patToken'],
    steps: [
      { op: 'createOrg', by: 0 },
      { op: 'addMember', by: 0, org: 2, user: 0, role: 0 },
      {
        op: 'createKey',
        by: 0,
        org: 2,
        owner: 1,
        role: 0,
        scopes: 0,
        ttl: 0,
        limit: 0,
        quota: 0,
        supplied: false,
      },
    ],
  },
  {
    found:
      "an org admin's key moved A's connection to its own host without credentials, and the check sent the stored token there",
    start: ['aliceKey'],
    steps: [
      { op: 'updateConnection', by: 0, connection: 0, change: CHANGES.indexOf('toAttacker') },
      { op: 'checkConnection', by: 0, connection: 0 },
      { op: 'proxy', by: 0, connection: 0, method: 0 },
    ],
  },
  {
    found:
      "(a guard, not a finding) an org admin's key made a connect link and was revoked: the link must die with it",
    start: ['aliceKey'],
    steps: [
      { op: 'createLink', by: 0, org: 0 },
      { op: 'revokeKey', by: 0, key: 1 },
      { op: 'connectLink', link: 0, target: 1, token: 0 },
    ],
  },
];
