import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/errors.js';
import { keyStatus, toCached, VERIFY_CODES } from '../../src/keys/verify.js';
import type { KeyEntry } from '../../src/store/types.js';

// docs/errors.md is the one page that lists every code; these checks keep it from drifting from the code.

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'errors.md'), 'utf8');

/** The body of the `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const parts = doc.split(/^## /m);
  const found = parts.find((part) => part.startsWith(`${title}\n`));
  if (found === undefined) throw new Error(`docs/errors.md has no "## ${title}" section`);
  return found;
}

/** The cells of every table row whose first cell is a code in backticks, in document order. */
function codeRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*`[A-Z_]+`\s*\|/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const codeOf = (row: string[]) => (row[0] ?? '').replace(/`/g, '');

describe('docs/errors.md', () => {
  it('lists every error code of ERROR_STATUS once, with its HTTP status', () => {
    const rows = codeRows(section('Codes'));
    const documented = rows.map(codeOf);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
    const statuses = Object.fromEntries(rows.map((row) => [codeOf(row), Number(row[1])]));
    expect(statuses).toEqual({ ...ERROR_STATUS });
  });

  it('lists every verify code once', () => {
    const documented = codeRows(section('Verify codes')).map(codeOf);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...VERIFY_CODES].sort());
  });

  it("lists the key's own states in the order keyStatus() applies them", () => {
    // A key that fails every check; each step repairs the condition behind the code keyStatus() gave,
    // so the codes come out in keyStatus()'s precedence order.
    const past = '2000-01-01T00:00:00.000Z';
    const entry: KeyEntry = {
      key: {
        id: 'key_doc',
        orgId: 'org_doc',
        ownerId: 'usr_doc',
        name: 'doc',
        description: null,
        meta: null,
        role: 'member',
        scopes: null,
        hint: 'kw_abcd…',
        hash: 'digest',
        createdAt: past,
        createdBy: null,
        expiresAt: past,
        lastUsedAt: null,
        enabled: false,
        revokedAt: past,
        ratelimit: null,
        quota: null,
        successorId: null,
        cluster: false,
        budgetId: 'key_doc',
        disabledBy: null,
        madeByKeyId: null,
      },
      owner: {
        kind: 'user',
        exists: true,
        disabled: true,
        expiresAt: null,
        clusterAdmin: false,
        orgRole: 'member',
      },
    };
    const repairs: Record<string, () => void> = {
      REVOKED: () => {
        entry.key.revokedAt = null;
      },
      DISABLED: () => {
        entry.key.enabled = true;
      },
      EXPIRED: () => {
        entry.key.expiresAt = null;
      },
      OWNER_DISABLED: () => {
        entry.owner.disabled = false;
      },
    };
    const applied: string[] = [];
    const status = () => keyStatus(toCached(entry), Date.now());
    for (let code = status(); code !== 'VALID'; code = status()) {
      const repair = repairs[code];
      if (!repair || applied.includes(code)) throw new Error(`keyStatus() answered ${code} unexpectedly`);
      applied.push(code);
      repair();
    }
    const documented = codeRows(section('Verify codes'))
      .map(codeOf)
      .filter((code) => code in repairs);
    expect(documented).toEqual(applied);
  });
});
