import { hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOG_DIR, SECRETS_DIR } from '../support/paths.js';

/**
 * Runs after the rest of the suite (see vitest.config.ts): every key, token and password that the suite
 * sent or received was recorded in SECRETS_DIR, and every log that an app or a `keyward serve` process
 * wrote is in LOG_DIR. None of the secrets may appear in any log (PRODUCT.md §11).
 */

// The one exception, by design (PRODUCT.md §6): on first start without KEYWARD_ADMIN_PASSWORD, the server
// prints the generated admin password once, on stderr. Exactly that banner line is left out of the scan;
// the password itself is recorded as a secret, so it must appear nowhere else.
const SHOWN_ONCE = /^Created cluster admin "admin" with password: \S+$/gm;

interface Log {
  file: string;
  text: string;
}

let secrets: string[] = [];
let logs: Log[] = [];

const filesIn = (dir: string) => readdirSync(dir).map((name) => join(dir, name));

beforeAll(() => {
  const recorded = filesIn(SECRETS_DIR).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string),
  );
  secrets = [...new Set(recorded)];
  logs = filesIn(LOG_DIR).map((file) => ({ file, text: readFileSync(file, 'utf8').replace(SHOWN_ONCE, '') }));
});

/** A pino line of the one `request` line per response; a line cut short by `kill -9` is not one. */
function isRequestLine(line: string): boolean {
  try {
    return (JSON.parse(line) as { msg?: unknown }).msg === 'request';
  } catch {
    return false;
  }
}

/** Each secret, and for keys the forms in which Keyward stores or imports them: SHA-256 in hex and base64. */
function needles(secret: string): string[] {
  return [secret, hash('sha256', secret, 'hex'), hash('sha256', secret, 'base64')];
}

describe('the logs of the whole suite', () => {
  it('are there to scan: many secrets, many non-empty logs, request lines among them', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(20);
    expect(logs.filter((log) => log.text.length > 0).length).toBeGreaterThanOrEqual(5);
    const requestLines = logs.flatMap((log) => log.text.split('\n')).filter((line) => isRequestLine(line));
    expect(requestLines.length).toBeGreaterThanOrEqual(20);
    // Each spawned `keyward serve` showed its banner, so the stderr logs are among those scanned.
    expect(
      logs.some((log) => log.file.endsWith('.stderr.log') && log.text.includes('Keyward listening')),
    ).toBe(true);
  });

  it('hold none of the keys, tokens or passwords the suite used, nor their digests', () => {
    const leaks: string[] = [];
    for (const secret of secrets) {
      for (const needle of needles(secret)) {
        for (const log of logs) {
          if (!log.text.includes(needle)) continue;
          const line = log.text.split('\n').findIndex((text) => text.includes(needle)) + 1;
          // The report names the secret by its start only, so that the leak does not spread further.
          const form = needle === secret ? 'secret' : 'digest of secret';
          leaks.push(`${log.file}:${line}: ${form} ${secret.slice(0, 8)}… (${secret.length} characters)`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
