// The import boundaries in biome.json: a file that crosses one fails the lint, naming the rule and the reason.

import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
const RULE = 'lint/style/noRestrictedImports';

/** Writes `source` to `relPath` (from the project root), lints that one file with the project's config, and deletes it. */
function lintTemporary(relPath: string, source: string): { status: number | null; output: string } {
  const unique = relPath.replace(/(\.test)?\.ts$/, (ext) => `.boundary${process.pid}${ext}`);
  const file = join(ROOT, unique);
  writeFileSync(file, source);
  try {
    const run = spawnSync(process.execPath, [BIOME, 'lint', '--max-diagnostics=20', unique], { cwd: ROOT, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(file, { force: true });
  }
}

describe('import boundaries', () => {
  it("fails on import 'electron' in main/core", () => {
    const r = lintTemporary('main/core/probe.ts', "import 'electron';\n");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(RULE);
    expect(r.output).toContain('Electron stays in main/electron');
  });

  it('fails on main/testing imported from main/platforms', () => {
    const r = lintTemporary(
      'main/platforms/probe.ts',
      "import { DiscordFake } from '../testing/discordFake';\n\nexport const fake = DiscordFake;\n",
    );
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(RULE);
    expect(r.output).toContain('never imports it');
  });

  it('fails on the renderer imported from main/core', () => {
    const r = lintTemporary('main/core/probe.ts', "import { api } from '../../renderer/src/api';\n\nexport const x = api;\n");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(RULE);
    expect(r.output).toContain('never imports the renderer');
  });

  it('fails on raw IPC outside the dispatch and the preload', () => {
    const r = lintTemporary('main/electron/probe.ts', "import { ipcMain } from 'electron';\n\nexport const ipc = ipcMain;\n");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(RULE);
    expect(r.output).toContain('Raw IPC lives only in main/electron/ipc.ts');
  });

  it('lets tests in main/core use main/testing, and the shell use the rest of Electron', () => {
    const test = lintTemporary(
      'main/core/probe.test.ts',
      "import { DiscordFake } from '../testing/discordFake';\n\nexport const fake = DiscordFake;\n",
    );
    expect(test.output).not.toContain(RULE);
    expect(test.status).toBe(0);
    const shell = lintTemporary('main/electron/probe.ts', "import { app } from 'electron';\n\nexport const electronApp = app;\n");
    expect(shell.output).not.toContain(RULE);
    expect(shell.status).toBe(0);
  });
});
