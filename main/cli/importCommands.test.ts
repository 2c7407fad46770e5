// kairos import / export / feed / evergreen in-process on a real database and a fake Discord.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../testing/discordFake';
import { runCli } from './cli';

describe('kairos import and export', () => {
  let dir: string;
  let fake: DiscordFake;
  const kairos = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', join(dir, 'data')], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-cli-import-'));
    fake = await new DiscordFake().start();
    await kairos('accounts', 'add', 'discord', '--name', 'Club', '--webhook-url', fake.createWebhook('Club'));
  });
  afterEach(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews with --dry-run, refuses a file with problems whole, imports once fixed, and exports CSV, JSON and .ics', async () => {
    const file = join(dir, 'sprout.csv');
    writeFileSync(file, 'date,time_24hr,message_text\n24/12/2030,09:00,Merry Christmas\n25/12/2030,25:00,Bad time\n');
    const dry = await kairos('import', file, '--dry-run', '--to', 'Club');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('sprout.csv: Sprout Social bulk scheduling (UTF-8, "," separated), 2 rows: 1 ready, 1 with problems');
    expect(dry.out).toContain('line 3');
    expect(dry.out).toContain('ERROR: "25:00" is not a time of day.');
    expect(dry.out).toContain('Dry run: nothing was saved.');
    const refused = await kairos('import', file, '--to', 'Club');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Nothing was imported.');
    expect((await kairos('--json', 'post', 'list')).out).toBe('[]');

    writeFileSync(file, 'date,time_24hr,message_text\n24/12/2030,09:00,Merry Christmas\n25/12/2030,10:00,"=HYPERLINK(""x"")"\n');
    expect((await kairos('import', file, '--to', 'Club')).err).toMatch(/a spreadsheet runs as a formula/);
    writeFileSync(file, "date,time_24hr,message_text\n24/12/2030,09:00,Merry Christmas\n25/12/2030,10:00,'=2+2 is four\n");
    const ok = await kairos('import', file, '--to', 'Club', '--tz', 'Europe/Rome', '--label', 'xmas');
    expect(ok).toMatchObject({ code: 0, out: 'Imported 2 posts from sprout.csv: 2 scheduled, 0 drafts.' });

    const csv = join(dir, 'out.csv');
    expect((await kairos('export', '--format', 'csv', '--out', csv)).out).toBe(`Wrote 2 posts to ${csv}.`);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFFpost_id,')).toBe(true);
    expect(text).toContain("'=2+2 is four");
    expect(text).toContain(',2030-12-24,09:00,Europe/Rome,Club,discord,Merry Christmas,');

    const json = join(dir, 'out.json');
    await kairos('export', '--format', 'json', '--out', json, '--from', '2030-12-25', '--to', '2030-12-25', '--tz', 'Europe/Rome');
    expect((JSON.parse(readFileSync(json, 'utf8')) as { posts: { text: string; labels: string[] }[] }).posts).toMatchObject([
      { text: '=2+2 is four', labels: ['xmas'] },
    ]);

    const ics = join(dir, 'out.ics');
    await kairos('export', '--format', 'ics', '--out', ics);
    const cal = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8')));
    expect(cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary)).toEqual([
      'Merry Christmas · Discord',
      '=2+2 is four · Discord',
    ]);
  });

  it('creates and revokes feed addresses and sets an evergreen queue', async () => {
    const created = await kairos('feed', 'create', 'schedule');
    expect(created.out).toMatch(
      /While "kairos serve" runs, calendars can subscribe to:\n {2}http:\/\/127\.0\.0\.1:PORT\/feeds\/[\w-]+\/schedule\.ics/,
    );
    const id = /Created (feed_\w+)/.exec(created.out)?.[1] as string;
    expect((await kairos('feed', 'list')).out).toMatch(new RegExp(`^${id} {2}schedule {2}created`));
    expect((await kairos('feed', 'revoke', id)).out).toBe(`Revoked ${id}; its address no longer works.`);
    const set = await kairos('evergreen', 'set', 'tips', '--every', '14', '--until', '2031-01-01');
    expect(set.out).toBe('Evergreen queue "tips": 0 evergreen posts, each at most every 14 days.');
    expect((await kairos('evergreen', 'list')).out).toBe('tips: every 14 days at most, until 2031-01-01');
    expect((await kairos('evergreen', 'set', 'tips', '--every', 'x')).code).toBe(2);
  });
});
