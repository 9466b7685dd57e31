import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run soak` is not part of `npm test`: this runs it for 10 s, so that the script cannot rot. Below
// two minutes it judges only errors and schedule, not RSS or p99 over time (bench/soak-report.ts).

const ROOT = join(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'keyward-soak-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run soak', () => {
  it('runs a 10 s soak, exits 0, and writes its samples and chart', async () => {
    // --no-build: the suite runs after `npm run build`, and another build mid-test would only cost time.
    const args = ['--import', 'tsx', 'bench/soak.ts', '--duration', '10', '--interval', '5', '--rate', '200'];
    const child = spawn(process.execPath, [...args, '--connections', '8', '--out', out, '--no-build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGINT'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    expect(code, stderr).toBe(0);

    const report = JSON.parse(readFileSync(join(out, 'soak.json'), 'utf8'));
    expect(report.samples.map((s: { t: number }) => s.t)).toEqual([5, 10]);
    for (const sample of report.samples) {
      expect(sample.errors).toBe(0);
      expect(sample.reqPerSec).toBeGreaterThan(100);
      expect(sample.rssMb).toBeGreaterThan(20);
      expect(sample.heapUsedMb).toBeGreaterThan(1);
      expect(sample.answered.create + sample.answered.revoke).toBeGreaterThan(0);
    }
    expect(report.judgements.filter((j: { passed: boolean | null }) => j.passed === false)).toEqual([]);
    expect(readFileSync(join(out, 'soak.svg'), 'utf8')).toMatch(
      /^<svg [^>]*>[\s\S]*<polyline[\s\S]*<\/svg>\n$/,
    );
    expect(stdout).toContain('| minute | RSS |');
  }, 90_000);
});
