// The backend's boundaries, read from the import graph (build/import-graph.mjs): main/core imports nothing of main/
// outside itself, and production modules import no circle, except the known ones listed here until they are gone.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkImports, findCycles, readGraph, report, scanImports } from '../build/import-graph.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Cycles that other work removes; each entry is a strongly connected group of modules. A cycle found outside these
 * fails the test, and so does an entry no cycle is left in: the list only shrinks, to empty.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder with main/ and shared/ holding these files (path → source). */
function fixture(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'kairos-imports-'));
  dirs.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

describe('reading imports', () => {
  it('finds import and export-from statements of every form, and marks the type-only ones', () => {
    const found = scanImports(`
      import a from './a';
      import * as b from "./b";
      import c, { d, type E } from './c';
      import { type F, type G } from './fg';
      import type { H } from './h';
      import './side-effect';
      export * from './star';
      export * as ns from './ns';
      export { i } from './i';
      export type { J } from './j';
      import k = require('./k');
      const later = await import('./dynamic');
      import {
        l,
        m,
      } from './multi-line';
    `);
    expect(found).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: false },
      { specifier: './c', typeOnly: false },
      { specifier: './fg', typeOnly: true },
      { specifier: './h', typeOnly: true },
      { specifier: './side-effect', typeOnly: false },
      { specifier: './star', typeOnly: false },
      { specifier: './ns', typeOnly: false },
      { specifier: './i', typeOnly: false },
      { specifier: './j', typeOnly: true },
      { specifier: './k', typeOnly: false },
      { specifier: './dynamic', typeOnly: false },
      { specifier: './multi-line', typeOnly: false },
    ]);
  });

  it('ignores the word import in comments, strings, templates, regular expressions and properties', () => {
    const found = scanImports(`
      // import x from './in-a-line-comment';
      /* import y from './in-a-block-comment'; */
      const s = "import z from './in-a-string'";
      const t = \`import w from './in-a-template' \${'}'} \${\`import v from './nested'\`}\`;
      const r = /import u from '.\\/in-a-regex'/g;
      const ratio = 4 / 2; const q = ratio / 1; // a division is not a regular expression: '
      const meta = import.meta.url;
      obj.import('./a-method-call');
      export const after = 1;
      import { real } from './real';
    `);
    expect(found).toEqual([{ specifier: './real', typeOnly: false }]);
  });
});

describe('the checks', () => {
  it('reports an import from main/core into main/platforms (types too), and not from a core test', () => {
    const root = fixture({
      'main/core/backend.ts': "import { createMastodonAdapter } from '../platforms/mastodon/adapter';\nexport const b = 1;\n",
      'main/core/types.ts': "import type { Secret } from '../platforms/mastodon/config';\nexport type T = Secret;\n",
      'main/core/backend.test.ts': "import { FEATURES } from '../features';\nimport { b } from './backend';\n",
      'main/core/clock.ts': "import { x } from '../../shared/time';\nexport const c = x;\n",
      'main/platforms/mastodon/adapter.ts': "import { c } from '../../core/clock';\nexport const createMastodonAdapter = () => c;\n",
      'main/platforms/mastodon/config.ts': 'export type Secret = string;\n',
      'main/features.ts':
        "import { createMastodonAdapter } from './platforms/mastodon/adapter';\nexport const FEATURES = [createMastodonAdapter];\n",
      'shared/time.ts': 'export const x = 1;\n',
    });
    const result = checkImports(root);
    expect(result.violations).toEqual([
      { from: 'main/core/backend.ts', to: 'main/platforms/mastodon/adapter.ts', typeOnly: false },
      { from: 'main/core/types.ts', to: 'main/platforms/mastodon/config.ts', typeOnly: true },
    ]);
    expect(result.cycles).toEqual([]);
    expect(result.unresolved).toEqual([]);
    expect(report(result)).toContain('main/core/backend.ts -> main/platforms/mastodon/adapter.ts');
  });

  it('reports an import from main/core into each shell and the test helpers', () => {
    const root = fixture({
      'main/core/a.ts': [
        "import '../electron/main';",
        "import '../http/server';",
        "import '../cli/cli';",
        "import '../testing/tempBackend';",
        '',
      ].join('\n'),
      'main/electron/main.ts': '',
      'main/http/server.ts': '',
      'main/cli/cli.ts': '',
      'main/testing/tempBackend.ts': '',
    });
    expect(checkImports(root).violations.map((v) => v.to)).toEqual([
      'main/electron/main.ts',
      'main/http/server.ts',
      'main/cli/cli.ts',
      'main/testing/tempBackend.ts',
    ]);
  });

  it('finds a cycle among production modules, across main and shared, and leaves tests and test helpers out', () => {
    const root = fixture({
      'main/core/repos/posts.ts': "import { claim } from './queue';\nexport const posts = claim;\n",
      'main/core/repos/queue.ts': "import type { Post } from '../../../shared/domain';\nexport const claim = 1;\n",
      'shared/domain.ts': "import { posts } from '../main/core/repos/posts';\nexport type Post = typeof posts;\n",
      'main/core/self.ts': "import { me } from './self';\nexport const me = 1;\n",
      'main/core/a.test.ts': "import { b } from './b.test';\n",
      'main/core/b.test.ts': "import './a.test';\nexport const b = 1;\n",
      'main/testing/one.ts': "import './two';\n",
      'main/testing/two.ts': "import './one';\n",
      'main/core/tree.ts': "import './repos/posts';\n",
    });
    const cycles = checkImports(root).cycles;
    expect(cycles).toEqual([
      {
        members: ['main/core/repos/posts.ts', 'main/core/repos/queue.ts', 'shared/domain.ts'],
        example: ['main/core/repos/posts.ts', 'main/core/repos/queue.ts', 'shared/domain.ts', 'main/core/repos/posts.ts'],
      },
      { members: ['main/core/self.ts'], example: ['main/core/self.ts', 'main/core/self.ts'] },
    ]);
    // Counted when asked for: the same reader sees the test files' circle.
    expect(findCycles(readGraph(root), () => true).map((c) => c.members)).toContainEqual(['main/core/a.test.ts', 'main/core/b.test.ts']);
  });

  it('resolves index files and reports a relative import that leads to no file', () => {
    const root = fixture({
      'shared/contract/index.ts': "export * from './access';\n",
      'shared/contract/access.ts': 'export const a = 1;\n',
      'main/core/x.ts': "import { a } from '../../shared/contract';\nimport { gone } from './gone';\nimport { z } from 'zod';\n",
    });
    const result = checkImports(root);
    expect(
      readGraph(root)
        .get('main/core/x.ts')
        ?.map((i) => i.to),
    ).toEqual(['shared/contract/index.ts', null, null]);
    expect(result.unresolved).toEqual([{ from: 'main/core/x.ts', specifier: './gone' }]);
  });
});

describe('this repository', () => {
  const result = checkImports(ROOT);

  it('reads every relative import', () => {
    expect(result.modules).toBeGreaterThan(100);
    expect(result.unresolved).toEqual([]);
  });

  it('main/core imports nothing of main/ outside main/core (features plug in from main/features.ts)', () => {
    expect(result.violations, report(result)).toEqual([]);
  });

  it('has no import cycle but the known ones, and every known one is still there', () => {
    const within = (members: readonly string[], known: readonly string[]) => members.every((m) => known.includes(m));
    const unknown = result.cycles.filter((c) => !KNOWN_CYCLES.some((k) => within(c.members, k)));
    expect(unknown, report(result)).toEqual([]);
    const gone = KNOWN_CYCLES.filter((k) => !result.cycles.some((c) => within(c.members, k)));
    expect(gone, 'These cycles are gone: delete them from KNOWN_CYCLES.').toEqual([]);
  });
});
