// Bundles the kairos command as `npm run build` does, once per test file, so tests can start it as a real process.

import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuiltCli {
  readonly script: string;
  /** Starts `kairos ARGS`; the caller owns stdin. */
  start(args: readonly string[]): ReturnType<typeof spawn>;
  remove(): void;
}

export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

export async function buildCli(): Promise<BuiltCli> {
  // Inside the project, so the bundle's external packages resolve from its node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'kairos-cli-'));
  const script = join(work, 'cli.mjs');
  cpSync(join(root, 'main/core/db/migrations'), join(work, 'migrations'), { recursive: true });
  await build({
    entryPoints: [join(root, 'main/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: script,
    external: ['better-sqlite3', 'sharp', 'electron'],
    logLevel: 'warning',
    define: { __KAIROS_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
    banner: {
      js: "import { createRequire as __kairosCreateRequire } from 'node:module'; const require = __kairosCreateRequire(import.meta.url);",
    },
  });
  return {
    script,
    start: (args) => spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }),
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** Collects a started command's output and waits for it to exit. */
export function finished(child: ReturnType<typeof spawn>): Promise<CliRun> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, out, err }));
  });
}
