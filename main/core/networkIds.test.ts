// The core names no network: a network's ids, limits and words belong to its folder (main/platforms/<id>, its adapter's
// properties) or to shared/platforms. This reads every production module of main/core with the import graph's
// tokenizer and fails on a network id written as a string ('bluesky') or as an object's key (bluesky: …), outside
// the files listed below (none names a network; the list only shrinks).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isProduction, tokenize } from '../../build/import-graph.mjs';
import { PLATFORM_IDS } from '../../shared/domain';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Files of main/core whose strings look like a network id without naming one, and why. An entry that has none any more fails the test: delete it. */
const STILL_NAMING: Readonly<Record<string, string>> = {
  'main/core/importExport/importRows.ts': "not a network: a spreadsheet's 'x' mark read as yes",
};

const IDS = new Set<string>(PLATFORM_IDS);

/** Where a source names a network: an id as a string, or (for ids that are not also common short names) as a key. */
function networkNamesIn(source: string): string[] {
  const tokens = tokenize(source);
  const found: string[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'string' && IDS.has(t.value)) found.push(`'${t.value}'`);
    // `x: 1` is as likely a coordinate as a network, so only the string 'x' counts.
    else if (t.kind === 'word' && t.value !== 'x' && IDS.has(t.value) && tokens[i + 1]?.value === ':' && tokens[i - 1]?.value !== '?')
      found.push(`${t.value}:`);
  });
  return found;
}

function coreModules(dir = join(ROOT, 'main', 'core')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return coreModules(path);
    const file = relative(ROOT, path).split(sep).join('/');
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') && isProduction(file) ? [file] : [];
  });
}

describe('network ids in the core', () => {
  it('finds an id as a string or a key, and not in comments, sentences, variables or other words', () => {
    expect(networkNamesIn(`const batch = account.platform === 'bluesky' ? 25 : 1;`)).toEqual(["'bluesky'"]);
    expect(networkNamesIn('const t = { discord: 5, "telegram": 3, mastodonish: 1 };')).toEqual(['discord:', "'telegram'"]);
    expect(networkNamesIn(`if (p === "x") go();`)).toEqual(["'x'"]);
    expect(
      networkNamesIn(`
        // bluesky: 25 a call
        const s = 'A Mastodon server said no';
        const mastodon = load();
        const point = { x: 1, y: 2 };
        const t = \`nostr\`;
        const r = ok ? nostr : telegram;
      `),
    ).toEqual([]);
  });

  it('names none in main/core outside the files still listed, and every listed file still names one', () => {
    const naming = new Map(coreModules().map((f) => [f, networkNamesIn(readFileSync(join(ROOT, f), 'utf8'))] as const));
    const unexpected = [...naming]
      .filter(([f, names]) => names.length > 0 && !(f in STILL_NAMING))
      .map(([f, names]) => `${f}: ${names.join(', ')}`);
    expect(unexpected, "Move these into the network's folder (an adapter property) or shared/platforms.").toEqual([]);
    const done = Object.keys(STILL_NAMING).filter((f) => !naming.get(f)?.length);
    expect(done, 'These files name no network any more: delete them from STILL_NAMING.').toEqual([]);
  });
});
