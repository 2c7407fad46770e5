// Runs `kairos serve` (browser mode) on a throwaway data folder, and talks to it the way a script would.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Channel, RequestOf, Responses, Result } from '../../shared/contract';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'main', 'cli.js');
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export interface KairosServer {
  /** The link `kairos serve` printed: it carries the access token once. */
  readonly openUrl: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** Calls a channel with the bearer token and returns its value; throws with the backend's message on failure. */
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Responses[C]>;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash or a power cut would; the data folder stays for a restart. */
  crash(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server process; TZ defaults to UTC so a fresh data folder starts in a known zone. */
  readonly env?: Readonly<Record<string, string>>;
  /** Serve an existing data folder (a second instance); it is left in place on stop. */
  readonly dataDir?: string;
}

export function assertBuilt(): void {
  const missing = [CLI, RENDERER].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`Build Kairos before the browser tests (npm run build). Missing: ${missing.join(', ')}`);
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function startKairos(options: StartOptions = {}): Promise<KairosServer> {
  assertBuilt();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kairos-e2e-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    output += chunk;
  });

  const openUrl = await new Promise<string>((resolveUrl, reject) => {
    let pending = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`kairos serve did not start: ${why}\n--- output ---\n${output}`));
    };
    const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`it exited (code ${code}, signal ${signal})`));
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const parsed = JSON.parse(line) as { url?: unknown };
          if (typeof parsed.url === 'string') {
            clearTimeout(timer);
            resolveUrl(parsed.url);
            return;
          }
        } catch {
          // Not the JSON line; keep reading.
        }
      }
    });
  });

  const url = new URL(openUrl);
  const token = url.searchParams.get('token') ?? '';
  const origin = url.origin;

  // A server that cannot find the built page would fail every test in a confusing way; say why once.
  const page = await fetch(`${origin}/`, { headers: { authorization: `Bearer ${token}` } });
  if (page.status !== 200 || !(page.headers.get('content-type') ?? '').startsWith('text/html')) {
    child.kill('SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `kairos serve started but does not serve the renderer (GET / answered ${page.status}). ` +
        'Check that dist/renderer exists and that the built CLI resolves its folder from where its code ends up (dist/main, not dist/main/chunks).',
    );
  }

  return {
    openUrl,
    origin,
    token,
    dataDir,
    async invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Responses[C]> {
      const response = await fetch(`${origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(payload ?? {}),
      });
      const result = (await response.json()) as Result<Responses[C]>;
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    output: () => output,
    async crash() {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    },
    async stop() {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
