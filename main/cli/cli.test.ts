// The kairos command end to end, in-process, on a real database and a fake Discord.

import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../testing/discordFake';
import { ONE_PIXEL_PNG } from '../testing/mediaSamples';
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
    const add = await kairos(
      '--json',
      'post',
      'add',
      '--text',
      'Later',
      '--to',
      'Community',
      '--at',
      '2099-03-10 09:15',
      '--tz',
      'Europe/Rome',
    );
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
      [
        ['post', 'add', '--text', 'y'.repeat(2001), '--to', 'Community'],
        /Too long for Community \(Discord\): 2001 of 2000 characters, 1 over/,
      ],
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

  it('post --media takes a real image file, and refuses a link to another file with a message', async () => {
    writeFileSync(join(dir, 'private.txt'), 'not for posting');
    symlinkSync(join(dir, 'private.txt'), join(dir, 'card.png'));
    const refused = await kairos('post', 'add', '--text', 'A picture', '--draft', '--media', join(dir, 'card.png'), '--alt', 'A card');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('card.png is a link to another file');
    expect(refused.err).not.toContain('not for posting');
    writeFileSync(join(dir, 'dot.png'), ONE_PIXEL_PNG);
    const added = await kairos(
      'post',
      'add',
      '--text',
      'A picture',
      '--draft',
      '--media',
      join(dir, 'dot.png'),
      '--alt',
      'A dot',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(added.out).toContain('dot.png');
  });
});

describe('kairos database', () => {
  it('says what to do when the database is damaged, restores the newest good backup, and starts again', async () => {
    const { mkdtempSync: mk, rmSync: rm, writeFileSync, readdirSync } = await import('node:fs');
    const dir = mk(join(tmpdir(), 'kairos-cli-db-'));
    const out: string[] = [];
    const err: string[] = [];
    const kairos = (...argv: string[]) => runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    try {
      expect(await kairos('post', 'add', '--text', 'Kept safe', '--draft')).toBe(0);
      // A migration run makes a backup only when there is something to migrate, so ask for one directly.
      const { createVerifiedBackup } = await import('../core/db/backups');
      const { openDatabase } = await import('../core/db/database');
      const db = await openDatabase(join(dir, 'kairos.sqlite'));
      await createVerifiedBackup(db, join(dir, 'kairos.sqlite'), { now: Date.now(), label: 'manual' });
      db.close();
      writeFileSync(join(dir, 'kairos.sqlite'), Buffer.alloc(8192, 7));
      for (const f of readdirSync(dir)) if (f.endsWith('-wal') || f.endsWith('-shm')) rm(join(dir, f));

      err.length = 0;
      expect(await kairos('post', 'list')).toBe(1);
      expect(err[0]).toMatch(/is damaged/);
      expect(err[1]).toBe('To restore it, run: kairos database restore');

      out.length = 0;
      expect(await kairos('database', 'restore')).toBe(0);
      expect(out[0]).toMatch(
        /^Restored .*\.sqlite\. The previous database was kept as .*kairos\.sqlite\.damaged-\d+\. Start Kairos again\.$/,
      );
      out.length = 0;
      expect(await kairos('post', 'list')).toBe(0);
      expect(out.join('\n')).toContain('"Kept safe"');
    } finally {
      rm(dir, { recursive: true, force: true });
    }
  });
});
