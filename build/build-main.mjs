// Bundles the backend and its shells into dist/main with esbuild; native modules stay external.

import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'main');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// pdfkit reads its font metrics from files beside its own code, so it stays a package rather than a bundled chunk.
const external = ['electron', 'better-sqlite3', 'sharp', 'pdfkit'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  legalComments: 'none',
  define: { __KAIROS_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
};

// ESM entry points share one banner so bundled CommonJS dependencies can still call require().
const esmBanner = {
  js: "import { createRequire as __kairosCreateRequire } from 'node:module'; const require = __kairosCreateRequire(import.meta.url);",
};

await build({
  ...common,
  entryPoints: {
    cli: join(root, 'main/cli/main.ts'),
    start: join(root, 'main/start.ts'),
    'electron-main': join(root, 'main/electron/main.ts'),
  },
  outdir: out,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: esmBanner,
});

// Sandboxed preload scripts must be CommonJS.
await build({
  ...common,
  entryPoints: { preload: join(root, 'main/electron/preload.ts') },
  outfile: join(out, 'preload.cjs'),
  format: 'cjs',
});

cpSync(join(root, 'main/core/db/migrations'), join(out, 'migrations'), { recursive: true });
// The workspace server's PostgreSQL migrations, where defaultPgMigrationsDir() looks beside a bundle.
cpSync(join(root, 'main/server/pg/migrations'), join(out, 'server', 'pg', 'migrations'), { recursive: true });
