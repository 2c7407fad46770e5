// The kairos command end to end, in-process, on a real database and a fake Discord.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../testing/discordFake';
import { runCli } from './cli';

interface Run {
  code: number;
  out: string;
  err: string;
}

describe('kairos CLI', () => {
  let dir: string;
  let fake: DiscordFake;

  const kairos = async (...argv: string[]): Promise<Run> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-cli-'));
    fake = await new DiscordFake().start();
  });

  afterEach(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a Discord account, publishes now, and shows the post with its history', async () => {
    const add = await kairos('accounts', 'add', 'discord', '--name', 'Community', '--webhook-url', fake.createWebhook('General'));
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^Connected acc_\w+ {2}discord {3}Community {2}\(General \(webhook\)\) {2}connected$/);

    const post = await kairos('--json', 'post', 'add', '--text', 'Launch day!', '--to', 'community');
    expect(post.code).toBe(0);
    const created = JSON.parse(post.out) as { id: string; status: string; targets: { remoteUrl: string }[] };
    expect(created.status).toBe('published');
    expect(fake.messages.map((m) => m.content)).toEqual(['Launch day!']);
    expect(created.targets[0]?.remoteUrl).toContain(fake.messages[0]?.id);

    const show = await kairos('post', 'show', created.id);
    expect(show.code).toBe(0);
    expect(show.out).toContain('Status:    published');
    expect(show.out).toMatch(/cli {7}created and scheduled/);
    expect(show.out).toMatch(/scheduler published \[Community\]/);
  });

  it('schedules for a wall time in a zone and lists, reschedules and cancels it', async () => {
    await kairos('accounts', 'add', 'discord', '--name', 'Community', '--webhook-url', fake.createWebhook());
    const add = await kairos('--json', 'post', 'add', '--text', 'Later', '--to', 'Community', '--at', '2099-03-10 09:15', '--tz', 'Europe/Rome');
    expect(add.code).toBe(0);
    const post = JSON.parse(add.out) as { id: string; scheduledAt: string; timeZone: string };
    expect(post.scheduledAt).toBe('2099-03-10T08:15:00.000Z');
    expect(post.timeZone).toBe('Europe/Rome');
    expect(fake.messages).toHaveLength(0);

    const list = await kairos('post', 'list', '--from', '2099-03-10', '--to', '2099-03-10', '--tz', 'Europe/Rome');
    expect(list.out).toContain(`${post.id}  scheduled    2099-03-10 09:15 Europe/Rome (2099-03-10T08:15Z)  → Community  "Later"`);
    const other = await kairos('post', 'list', '--from', '2099-03-11', '--tz', 'Europe/Rome');
    expect(other.out).toBe('No posts.');

    const moved = await kairos('--json', 'post', 'reschedule', post.id, '--at', '2099-03-29 02:30');
    expect(moved.code).toBe(0);
    const m = JSON.parse(moved.out) as { scheduledAt: string; timeNote: string };
    // 02:30 does not exist in Rome on the spring-forward night: it becomes 03:30 CEST.
    expect(m.scheduledAt).toBe('2099-03-29T01:30:00.000Z');
    expect(m.timeNote).toContain('does not exist');

    const cancel = await kairos('post', 'cancel', post.id);
    expect(cancel.out).toBe(`${post.id}  cancelled`);
  });

  it('refuses bad input with a one-line reason and a non-zero exit', async () => {
    await kairos('accounts', 'add', 'discord', '--name', 'Community', '--webhook-url', fake.createWebhook());
    const cases: [string[], RegExp][] = [
      [['post', 'add', '--text', 'x', '--to', 'nobody'], /Unknown account "nobody"/],
      [['post', 'add', '--text', 'x', '--to', 'Community', '--at', '2001-01-01 10:00'], /is in the past/],
      [['post', 'add', '--text', 'y'.repeat(2001), '--to', 'Community'], /Too long for Community \(Discord\): 2001 of 2000 characters, 1 over/],
      [['post', 'add', '--text', 'x', '--to', 'Community', '--at', '2099-01-01 10:00', '--tz', 'Mars/Olympus'], /not a known time zone/],
      [['post', 'add', '--text', 'x', '--to', 'Community', '--at', 'tomorrow'], /not a time/],
      [['accounts', 'add', 'discord', '--name', 'X', '--webhook-url', 'https://example.com/hook'], /not a Discord webhook URL/],
      [['post', 'show', 'post_missing'], /was not found/],
      [['frobnicate'], /Unknown command "frobnicate"/],
    ];
    for (const [argv, reason] of cases) {
      const r = await kairos(...argv);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.err.split('\n')[0]).toMatch(reason);
    }
    expect(fake.messages).toHaveLength(0);
  });

  it('accepts --json and --data-dir anywhere on the line', async () => {
    const r = await runCli(['accounts', '--data-dir', dir, 'list', '--json'], { out: () => {}, err: () => {} });
    expect(r).toBe(0);
  });
});
