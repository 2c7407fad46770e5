// Names and texts from users and servers cannot drive the terminal through any kairos output.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../testing/discordFake';
import { runCli } from './cli';
import { terminalSafe, terminalSafeInline, terminalSafeJson } from './terminalText';

// What a terminal acts on: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates/marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for the characters a terminal acts on.
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RLO = '\u202e';
const EVIL_NAME = `Brand\x1b]0;evil\x07${RLO}gnp.exe`;

describe('terminalSafe', () => {
  it('removes whole escape sequences, controls and bidi characters, keeping newlines and tabs', () => {
    expect(terminalSafe(EVIL_NAME)).toBe('Brandgnp.exe');
    expect(terminalSafe('a\x1b[2J\x1b[31mred\x1b[0m b')).toBe('ared b');
    expect(terminalSafe('link \x1b]8;;https://evil.test\x1b\\here\x1b]8;;\x1b\\')).toBe('link here');
    expect(terminalSafe('c1\x9b31m csi \x9d0;title\x9c end\x85')).toBe('c1 csi  end');
    expect(terminalSafe('x\u2066y\u2069z\u202a\u202b\u202c\u202d\u200f\u061c\ufeff\u200b')).toBe('xyz');
    expect(terminalSafe('back\rspace\b bell\x07 nul\x00 del\x7f')).toBe('backspace bell nul del');
    expect(terminalSafe('line 1\n\tline 2')).toBe('line 1\n\tline 2');
    expect(terminalSafe('trailing escape \x1b')).toBe('trailing escape ');
    expect(terminalSafe('Café ☕ 日本語 👩‍💻')).toBe('Café ☕ 日本語 👩‍💻');
  });

  it('keeps a name on its line', () => {
    expect(terminalSafeInline('Fake\nacc_1  discord  Admin\tx')).toBe('Fake acc_1  discord  Admin x');
  });

  it('escapes instead of removing in JSON, so the values stay exact', () => {
    const json = JSON.stringify({ name: EVIL_NAME, text: 'a\u0085b\u2066' }, null, 2);
    const safe = terminalSafeJson(json);
    expect(safe).not.toMatch(UNSAFE);
    expect(JSON.parse(safe)).toEqual({ name: EVIL_NAME, text: 'a\u0085b\u2066' });
  });
});

describe('kairos output', () => {
  let dir: string;
  let fake: DiscordFake;

  const kairos = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-terminal-'));
    fake = await new DiscordFake().start();
  });

  afterEach(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints an account name and a server-given webhook name without their escape and bidi characters', async () => {
    // The webhook's name comes from Discord: a server can send anything.
    const add = await kairos(
      'accounts',
      'add',
      'discord',
      '--name',
      EVIL_NAME,
      '--webhook-url',
      fake.createWebhook(`Gen\x1b[2Jeral${RLO}`),
    );
    expect(add.code).toBe(0);
    expect(add.out).not.toMatch(UNSAFE);
    expect(add.out).toMatch(/^Connected acc_\w+ {2}discord {3}Brandgnp\.exe {2}\(General \(webhook\)\) {2}connected$/);

    const list = await kairos('accounts', 'list');
    expect(list.out).not.toMatch(UNSAFE);
    expect(list.out).toContain('Brandgnp.exe  (General (webhook))');

    const json = await kairos('--json', 'accounts', 'list');
    expect(json.out).not.toMatch(UNSAFE);
    expect((JSON.parse(json.out) as { name: string }[])[0]?.name).toBe(EVIL_NAME);
  });

  it('cleans post texts, history and error messages too', async () => {
    await kairos('accounts', 'add', 'discord', '--name', EVIL_NAME, '--webhook-url', fake.createWebhook());
    const text = `Hello\x1b]52;c;cm0gLXJmIH4=\x07 world${RLO}\nsecond\x9b2J line`;
    const post = await kairos('--json', 'post', 'add', '--text', text, '--to', EVIL_NAME, '--draft');
    expect(post.code).toBe(0);
    expect(post.out).not.toMatch(UNSAFE);
    const { id, text: stored } = JSON.parse(post.out) as { id: string; text: string };
    expect(stored).toBe(text);

    const show = await kairos('post', 'show', id);
    expect(show.out).not.toMatch(UNSAFE);
    expect(show.out).toContain('    Hello world\n    second line');
    expect(show.out).toContain('Brandgnp.exe');
    const list = await kairos('post', 'list');
    expect(list.out).not.toMatch(UNSAFE);
    expect(list.out).toContain('"Hello world second line"');

    const unknown = await kairos('post', 'add', '--text', 'x', '--to', `\x1b[2J\x1b]0;owned\x07Nobody${RLO}`);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('kairos: Unknown account "Nobody". See "kairos accounts list".');
  });
});
