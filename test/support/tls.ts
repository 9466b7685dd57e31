import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './paths.js';

/** The names the test server certificates are for: point any of them at 127.0.0.1 with the test DNS. */
export const TEST_HOSTS = ['localhost', '*.sentinelone.test', 'api.example.test', '*.example.test'] as const;
export const TEST_IPS = ['127.0.0.1', '::1'] as const;

/** A certificate authority and a server certificate it signed, for {@link TEST_HOSTS} and {@link TEST_IPS}. */
export interface TestPki {
  /** The CA certificate's file, for `NODE_EXTRA_CA_CERTS` when spawning `keyward serve`. */
  caPath: string;
  /** The CA certificate (PEM), for the outbound client's `ca` in process. */
  ca: string;
  /** The server's certificate and key (PEM), for `https.createServer`. */
  cert: string;
  key: string;
}

export interface TestTls {
  /** The authority tests trust. */
  trusted: TestPki;
  /** Another authority, with a server certificate for the same names, that nothing trusts. */
  untrusted: TestPki;
}

// Cleared by the global setup at the start of every run, so each run makes its own certificates once.
const DIR = join(ARTIFACTS, 'tls');
let cached: TestTls | undefined;

/**
 * This run's test certificates, made with `openssl` on first use and then read from `.test-artifacts/tls`.
 * Workers that start together may each make a set; the first rename wins, and everyone reads that one.
 *
 * @example https.createServer({ key: testTls().trusted.key, cert: testTls().trusted.cert }, handler)
 */
export function testTls(): TestTls {
  if (cached) return cached;
  if (!existsSync(join(DIR, 'untrusted', 'ca.pem'))) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const work = mkdtempSync(join(ARTIFACTS, 'tls-'));
    issue(join(work, 'trusted'), 'Keyward-test-CA');
    issue(join(work, 'untrusted'), 'Keyward-untrusted-test-CA');
    try {
      renameSync(work, DIR);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another worker's set is already in place
    }
  }
  cached = { trusted: read(join(DIR, 'trusted')), untrusted: read(join(DIR, 'untrusted')) };
  return cached;
}

function read(dir: string): TestPki {
  const text = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    caPath: join(dir, 'ca.pem'),
    ca: text('ca.pem'),
    cert: text('server.pem'),
    key: text('server.key'),
  };
}

/** Writes ca.pem, ca.key, server.pem and server.key into `dir`: P-256 keys, valid for a week. */
function issue(dir: string, caName: string): void {
  mkdirSync(dir, { recursive: true });
  // Run in `dir` with relative names, so that no argument holds a space and each splits on them.
  const openssl = (args: string) =>
    execFileSync('openssl', args.split(' '), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
  const names = [...TEST_HOSTS.map((host) => `DNS:${host}`), ...TEST_IPS.map((ip) => `IP:${ip}`)];
  writeFileSync(
    join(dir, 'server.ext'),
    `subjectAltName=${names.join(',')}\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(
    `req -x509 ${key} -keyout ca.key -out ca.pem -days 7 -subj /CN=${caName} ` +
      '-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(`req -new ${key} -keyout server.key -out server.csr -subj /CN=localhost`);
  openssl(
    `x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 0x${Date.now().toString(16)} -days 7 ` +
      '-extfile server.ext -out server.pem',
  );
}
