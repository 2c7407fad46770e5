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

/**
 * Bundles one entry file of the project (a child program of a test, or the CLI) into a fresh folder inside
 * node_modules/.cache, so the bundle's external packages resolve from the project, with the migrations beside it.
 */
export async function bundleForTest(
  entry: string,
  prefix: string,
  define?: Record<string, string>,
): Promise<{ readonly work: string; readonly script: string }> {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, `kairos-${prefix}-`));
  const script = join(work, `${prefix}.mjs`);
  cpSync(join(root, 'main/core/db/migrations'), join(work, 'migrations'), { recursive: true });
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: script,
    external: ['better-sqlite3', 'sharp', 'electron'],
    logLevel: 'error',
    ...(define ? { define } : {}),
    banner: {
      js: "import { createRequire as __kairosCreateRequire } from 'node:module'; const require = __kairosCreateRequire(import.meta.url);",
    },
  });
  return { work, script };
}

export async function buildCli(): Promise<BuiltCli> {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const { work, script } = await bundleForTest('main/cli/main.ts', 'cli', { __KAIROS_VERSION__: JSON.stringify(version) });
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
