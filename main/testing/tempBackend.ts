// A real backend on a fresh temporary data folder, for suites that open one per test.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, type BackendOptions, createBackend } from '../core/backend';
import { FEATURES } from '../features';

export interface TempBackend {
  readonly backend: Backend;
  readonly dir: string;
  /** Closes the backend, then removes its folder. */
  close(): Promise<void>;
}

export interface TempBackendOptions extends Partial<Omit<BackendOptions, 'dataDir'>> {
  /** Names the folder after the suite, so a leftover one says which test left it. */
  readonly prefix?: string;
}

/**
 * Defaults to every platform, the CLI shell and Rome as the computer's zone: a fixed zone keeps dates in
 * assertions the same on every machine.
 */
export async function tempBackend(options: TempBackendOptions = {}): Promise<TempBackend> {
  const { prefix = 'kairos-test-', ...rest } = options;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let backend: Backend;
  try {
    backend = await createBackend({ features: FEATURES, shell: 'cli', systemTimeZone: 'Europe/Rome', ...rest, dataDir: dir });
  } catch (e) {
    remove();
    throw e;
  }
  return {
    backend,
    dir,
    async close() {
      await backend.close();
      remove();
    },
  };
}
