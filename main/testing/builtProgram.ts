// Starts the BUILT program (dist/) as a person would: its own process, stdin closed, real clock, no injected stop.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILT_CLI = join(REPO_ROOT, 'dist', 'main', 'cli.js');
export const BUILT_START = join(REPO_ROOT, 'dist', 'main', 'start.js');

/** These tests exist to run the build; without one they fail loudly instead of skipping. */
export function requireBuild(): void {
  for (const file of [BUILT_CLI, BUILT_START, join(REPO_ROOT, 'dist', 'renderer', 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does).`);
  }
}

export interface RunningProgram {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of a pattern in the output; rejects if the process ends first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  readonly alive: () => boolean;
}

/** `nodeArgs`: options for node itself, before the script (a benchmark's --cpu-prof). */
export function startProgram(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  nodeArgs: readonly string[] = [],
): RunningProgram {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: REPO_ROOT });
  let text = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const onData = (b: Buffer) => {
    text += b.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = true;
      for (const w of waiters) w();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return {
    child,
    output: () => text,
    exited,
    alive: () => !ended && child.exitCode === null && child.signalCode === null,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (m) {
            done();
            resolve(m);
          } else if (ended) {
            done();
            reject(new Error(`The program ended before printing ${pattern}. Output:\n${text}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`No ${pattern} within ${timeoutMs} ms. Output:\n${text}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs a short command of the built CLI to its end. */
export async function runBuiltCli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<{ code: number | string; out: string }> {
  const p = startProgram(BUILT_CLI, args, env);
  const code = await p.exited;
  return { code, out: p.output() };
}

/** Resolves with the first truthy reading; for state that lives in another process, which sends us no events. */
export async function eventually<T>(
  read: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
