// npm start: the desktop app when the Electron binary is installed, browser mode otherwise.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli/cli';

/** The Electron executable, or null when the package was installed without its binary. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch (e) {
    // Not installed (MODULE_NOT_FOUND), or installed without its binary: electron's index.js throws "Electron failed
    // to install correctly". Either way there is no desktop app here, and the caller says it falls back to browser mode.
    if (e instanceof Error) return null;
    throw e;
  }
}

// --browser: browser mode even where the desktop app is installed (a remote session, a second profile).
const wantsBrowser = process.argv.includes('--browser');
const args = process.argv.slice(2).filter((a) => a !== '--browser');
const electron = wantsBrowser ? null : electronBinary();
if (electron) {
  const mainScript = join(dirname(fileURLToPath(import.meta.url)), 'electron-main.js');
  const child = spawn(electron, [mainScript, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  // Stopping `npm start` stops the app it started, which drains and releases its lease itself.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
} else {
  if (!wantsBrowser)
    process.stdout.write('The Electron binary is not installed on this machine, so Kairos starts in browser mode instead.\n');
  const code = await runCli(['serve', ...args], {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}
