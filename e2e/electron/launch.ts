// The Electron specs' shared launch fixture: the built app on a throwaway data folder, closed and removed after each test.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page, test } from '@playwright/test';
import type { KairosBridge } from '../../shared/contract/bridge';
import { builtMainEntry, electronExecutable, REPO_ROOT } from './electronBinary';

export const executable = electronExecutable();

// Chromium refuses to start as root with its OS sandbox on (CI containers); the page-level sandbox we test stays on.
const chromiumFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

export function launchArgs(dataDir: string, ...extra: string[]): string[] {
  // The repository folder, so Electron reads package.json (main, productName) as a packaged app would.
  return [REPO_ROOT, `--data-dir=${dataDir}`, ...chromiumFlags, ...extra];
}

// Declared per call rather than on the global Window, so these specs do not fight other e2e typings.
export type WithBridge = { readonly kairos?: KairosBridge };

export interface Launched {
  readonly app: ElectronApplication;
  readonly page: Page;
  readonly dataDir: string;
}

/**
 * A `test` whose `kairos` fixture is a launched app; `dataDirPrefix` names its temporary folder, to tell specs' leftovers
 * apart, and `prepare` fills the folder before the app starts (a seeded database).
 */
export function launchedTest(dataDirPrefix: string, prepare?: (dataDir: string) => Promise<void>) {
  return test.extend<{ kairos: Launched }>({
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    kairos: async ({}, use) => {
      builtMainEntry();
      const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
      await prepare?.(dataDir);
      const app = await _electron.launch({
        executablePath: executable ?? '',
        args: launchArgs(dataDir),
        env: { ...process.env, KAIROS_DATA_DIR: '' },
      });
      try {
        const page = await app.firstWindow();
        await use({ app, page, dataDir });
      } finally {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  });
}
