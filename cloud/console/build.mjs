// Builds the console into one directory that onboard-cloud serves as it is:
// index.html, assets/<name>-<hash>.js|css and a .gz beside each file.
// Usage: node build.mjs [--outdir DIR]   (default: dist)
import { build } from 'esbuild';
import { gzipSync, constants } from 'node:zlib';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--outdir');
const outdir = resolve(outIndex >= 0 ? args[outIndex + 1] : join(here, 'dist'));

if (!existsSync(join(here, 'node_modules', 'esbuild'))) {
  console.error('console build: node_modules is missing; run scripts/install-deps (npm ci in cloud/console)');
  process.exit(1);
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(join(outdir, 'assets'), { recursive: true });

const result = await build({
  entryPoints: { app: join(here, 'src', 'main.jsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: join(outdir, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => resolve(p));
const asset = (ext) => {
  const file = outputs.find((p) => p.endsWith(ext));
  return '/' + relative(outdir, file).split('\\').join('/');
};
const html = readFileSync(join(here, 'src', 'index.html'), 'utf8')
  .replace('%APP_JS%', asset('.js'))
  .replace('%APP_CSS%', asset('.css'));
writeFileSync(join(outdir, 'index.html'), html);
writeFileSync(join(outdir, 'favicon.svg'), readFileSync(join(here, 'src', 'favicon.svg')));

// Precompressed copies: the server sends them to browsers that accept gzip.
let raw = 0;
let gz = 0;
const walk = (dir) =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk(outdir)) {
  const body = readFileSync(file);
  const packed = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(file + '.gz', packed);
  raw += body.length;
  gz += packed.length;
}
console.log(`console built in ${outdir}: ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip`);
writeFileSync(join(outdir, 'size.json'), JSON.stringify({ bytes: raw, gzipBytes: gz }) + '\n');
