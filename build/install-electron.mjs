// npm postinstall: fetches the Electron binary for the desktop window. npm does not run electron's own install
// script (package.json "allowScripts"), so a machine that cannot download it still installs; `npm start` then
// opens browser mode. Says what happened in one line, and never fails the install.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const fallback = 'the desktop window is unavailable and "npm start" will use browser mode';

function binaryPresent() {
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
}

/** The first line of the downloader's error, without its stack. */
function reasonOf(result) {
  if (result.error) return result.error.message;
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((l) => l.trim());
  const first = lines.find((l) => l && !l.startsWith('at '));
  return (first ?? `exit code ${result.status}`).replace(/^(\w*Error): /, '').slice(0, 200);
}

// A production install (no devDependencies) has no Electron to set up.
if (existsSync(join(electronDir, 'install.js')) && !binaryPresent()) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(`Kairos: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so ${fallback}.`);
  } else {
    const result = spawnSync(process.execPath, ['install.js'], { cwd: electronDir, encoding: 'utf8', timeout: 15 * 60_000 });
    if (result.status !== 0 || !binaryPresent()) {
      console.log(`Kairos: the Electron binary could not be downloaded (${reasonOf(result)}), so ${fallback}.`);
    }
  }
}
