/**
 * Builds the web console (console/, Preact) into `dist/console/`, which `keyward serve` serves under
 * `/console` (src/http/console-pages.ts): `index.html`, and the script and stylesheet under `assets/`
 * with a hash of their content in their names, so that browsers may keep them for a year. The page
 * loads nothing from elsewhere, and has no inline script or style, which its CSP forbids.
 * `manifest.json` names the files and what each weighs, gzipped.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const OUT = 'dist/console';

export interface ConsoleManifest {
  script: string;
  style: string;
  /** Bytes of each asset, gzipped at the highest level, by file name. */
  gzipped: Record<string, number>;
}

export async function buildConsole(): Promise<ConsoleManifest> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { main: 'console/src/main.tsx', styles: 'console/styles.css' },
    outdir: join(OUT, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: 'console/tsconfig.json',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs);
  const named = (ext: string) => {
    const file = files.find((f) => f.endsWith(ext));
    if (!file) throw new Error(`the console build wrote no ${ext} file`);
    return file;
  };
  const script = `/console/assets/${basename(named('.js'))}`;
  const style = `/console/assets/${basename(named('.css'))}`;
  const html = readFileSync('console/index.html', 'utf8')
    .replace('{{script}}', script)
    .replace('{{style}}', style);
  writeFileSync(join(OUT, 'index.html'), html);
  const gzipped = Object.fromEntries(
    files.map((f) => [basename(f), gzipSync(readFileSync(f), { level: 9 }).length]),
  );
  const manifest = { script, style, gzipped };
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
