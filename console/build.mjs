// Bundles web/ into src/main/resources/stratus-console/ (index.html, console.js, console.css), where the server
// jar picks it up. `node build.mjs --check` rebuilds into a temporary folder and fails when the committed bundle
// differs, so CI catches sources changed without rebuilding.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const committed = join(here, 'src/main/resources/stratus-console');
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'stratus-console-')) : committed;

mkdirSync(out, { recursive: true });
await build({
  entryPoints: { console: join(here, 'web/main.js') },
  bundle: true, minify: true, format: 'esm', target: ['chrome110', 'firefox115', 'safari16'],
  outdir: out, legalComments: 'eof', logLevel: 'warning', charset: 'utf8',
});
copyFileSync(join(here, 'web/index.html'), join(out, 'index.html'));

if (check) {
  const names = (dir) => readdirSync(dir).sort();
  const stale = names(out).join() !== names(committed).join()
    || names(out).some((f) => !readFileSync(join(out, f)).equals(readFileSync(join(committed, f))));
  rmSync(out, { recursive: true, force: true });
  if (stale) {
    console.error('console: the committed bundle is out of date; run `npm run build` in console/ and commit it.');
    process.exit(1);
  }
  console.log('console: the committed bundle matches web/.');
}
