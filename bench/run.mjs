// Runs a TypeScript benchmark: bundles it with esbuild into a temporary folder, then runs it with node.
// Usage: node bench/run.mjs bench/<name>.ts [args...]

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('Usage: node bench/run.mjs bench/<name>.ts [args...]\n');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the project so that external packages resolve from its node_modules.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'kairos-bench-'));
cpSync(join(root, 'main/core/db/migrations'), join(out, 'migrations'), { recursive: true });
const outfile = join(out, `${basename(entry, '.ts')}.mjs`);
try {
  await build({
    entryPoints: [resolve(entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    external: ['better-sqlite3', 'sharp', 'pdfkit', 'electron', 'esbuild', '@playwright/test', 'playwright', 'playwright-core'],
    banner: {
      js: "import { createRequire as __kairosCreateRequire } from 'node:module'; const require = __kairosCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], {
    stdio: 'inherit',
    env: process.env,
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
