// CSV import through the contract on a real database: formats from the header, every row's problems, all or nothing.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { type MastodonEnv, startMastodonEnv, tinyPng } from '../../testing/mastodonFake/backendEnv';

// The env's clock starts at 2026-06-01 08:00 UTC (10:00 in Rome).
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('CSV import', () => {
  let env: MastodonEnv;
  let discord: DiscordFake;
  let brand: string;
  let club: string;
  let dir: string;

  beforeEach(async () => {
    env = await startMastodonEnv();
    discord = await new DiscordFake().start();
    brand = (await env.connect('Brand')).id;
    club = (await env.backend.call('accounts.connect', { platform: 'discord', name: 'Club', webhookUrl: discord.createWebhook('Club') }))
      .id;
    dir = mkdtempSync(join(tmpdir(), 'kairos-import-'));
  });

  afterEach(async () => {
    await env.close();
    await discord.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const preview = (csv: string | Buffer, extra: Record<string, unknown> = {}) =>
    env.backend.call('import.preview', { fileName: 'plan.csv', contentBase64: b64(csv), ...extra });
  const countPosts = async () => (await env.backend.call('posts.list', {})).length;

  it('reads Kairos columns: accounts by name, labels, thread parts, first comment, evergreen, media files', async () => {
    const png = join(dir, 'launch.png');
    writeFileSync(png, await tinyPng());
    const csv = [
      'date,time,time_zone,text,accounts,labels,media,alt_text,first_comment,first_comment_delay_minutes,evergreen,thread',
      `2026-06-10,09:30,Europe/Rome,Launch day,Brand; Club,launch; q2,launch.png,A red square,Link in the reply,10,yes,"Part two\n---\nPart three"`,
    ].join('\n');
    const p = await preview(csv, { baseDir: dir });
    expect(p).toMatchObject({ format: 'kairos', encoding: 'UTF-8', delimiter: ',', needsMapping: false });
    expect(p.rows[0]).toMatchObject({
      line: 2,
      excerpt: 'Launch day',
      accounts: ['Brand', 'Club'],
      at: Date.UTC(2026, 5, 10, 7, 30),
      wallDate: '2026-06-10',
      wallTime: '09:30',
      labels: ['launch', 'q2'],
      mediaCount: 1,
      parts: 3,
      firstComment: true,
      evergreen: true,
    });
    // Discord cannot reply under its own message, and cannot take a thread: both said, in words.
    expect(p.rows[0]?.problems.map((x) => x.message)).toEqual([
      'Club cannot take a reply from its own account; the first comment is posted only where it can be.',
      'Club (Discord): Discord webhooks post single messages; threads are not supported there.',
    ]);
    expect(await countPosts()).toBe(0);
    await expect(env.backend.call('import.commit', { fileName: 'plan.csv', contentBase64: b64(csv), baseDir: dir })).rejects.toThrow(
      /Nothing was imported: 1 of 1 rows has problems \(line 2: Club \(Discord\)/,
    );
    expect(await countPosts()).toBe(0);

    const fixed = csv.replace('Brand; Club', 'Brand');
    const r = await env.backend.call('import.commit', { fileName: 'plan.csv', contentBase64: b64(fixed), baseDir: dir });
    expect(r).toMatchObject({ imported: 1, scheduled: 1, drafts: 0 });
    const [post] = await env.backend.call('posts.list', {});
    expect(post).toMatchObject({
      text: 'Launch day',
      parts: ['Part two', 'Part three'],
      labels: ['launch', 'q2'],
      options: { evergreen: true, firstComment: { text: 'Link in the reply', delayMinutes: 10 } },
      scheduledAt: Date.UTC(2026, 5, 10, 7, 30),
      status: 'scheduled',
    });
    expect(post?.media).toMatchObject([{ fileName: 'launch.png', alt: 'A red square', mime: 'image/png' }]);
  });

  it('shows every problem of every row before anything is saved, and saves nothing while one remains', async () => {
    const csv = [
      'date,time,text,accounts,media',
      `2026-06-10,09:00,Fine,Brand,`,
      `2026-06-10,09:00,Who?,Nobody,`,
      `2026-06-10,09:00,${'x'.repeat(501)},Brand,`,
      `2026-03-29,02:30,Gap in Rome,Brand,`,
      `2026-05-01,09:00,Too late,Brand,`,
      `2026-06-10,09:00,Bad file,Brand,/no/such/file.png`,
      `2026-06-10,09:00,"=cmd|' /C calc'!A0",Brand,`,
      `,,Just an idea,,`,
    ].join('\r\n');
    const p = await preview(csv, { baseDir: dir });
    const messages = p.rows.map((r) => r.problems.map((x) => `${x.level}: ${x.message}`));
    expect(messages[0]).toEqual([]);
    expect(messages[1]?.[0]).toMatch(/^error: Unknown account "Nobody". Connect it in Accounts or use one of yours \(Brand, Club\)/);
    expect(messages[2]).toEqual(['error: Too long for Brand (Mastodon): 501 of 500 characters, 1 over.']);
    expect(messages[3]).toEqual([
      'warning: 2026-03-29 02:30 does not exist in Europe/Rome (clocks jump forward 1 hour); it became 03:30.',
      'error: 2026-03-29 03:30 (Europe/Rome) is in the past. Change the date, or clear it to import the row as a draft.',
    ]);
    expect(messages[4]).toEqual([
      'error: 2026-05-01 09:00 (Europe/Rome) is in the past. Change the date, or clear it to import the row as a draft.',
    ]);
    expect(messages[5]).toEqual(['error: Media file not found: /no/such/file.png.']);
    expect(messages[6]?.[0]).toMatch(/^error: Column "text" starts with "=cmd\|' \/C ca…", which a spreadsheet runs as a formula/);
    expect(messages[7]).toEqual(['warning: No date: it comes in as a draft.']);
    expect(p.counts).toEqual({ rows: 8, ready: 2, withErrors: 6, withWarnings: 2 });
    await expect(env.backend.call('import.commit', { fileName: 'plan.csv', contentBase64: b64(csv) })).rejects.toThrow(
      /Nothing was imported: 6 of 8 rows/,
    );
    expect(await countPosts()).toBe(0);
  });

  it('reads Sprout Social files in either date order, asking when the file does not tell', async () => {
    const ambiguous = 'date,time_24hr,message_text\n05/07/2026,14:00,Summer sale\n';
    const p = await preview(ambiguous, { defaultAccountIds: [brand] });
    expect(p).toMatchObject({ format: 'sprout', formatName: 'Sprout Social bulk scheduling', needsDateOrder: true, dateOrder: null });
    expect(p.rows[0]?.problems[0]?.message).toMatch(/could be day\/month or month\/day/);
    expect(p.rows[0]?.problems[0]?.problem).toEqual({ code: 'import_date_ambiguous', params: { value: '05/07/2026' } });
    const dmy = await preview(ambiguous, { defaultAccountIds: [brand], dateOrder: 'dmy' });
    expect(dmy.rows[0]).toMatchObject({ wallDate: '2026-07-05', wallTime: '14:00', accounts: ['Brand'], problems: [] });
    const mdy = await preview(ambiguous, { defaultAccountIds: [brand], dateOrder: 'mdy' });
    expect(mdy.rows[0]?.wallDate).toBe('2026-05-07');
    // A day over 12 settles the order for the whole file.
    const told = await preview('date,time_24hr,message_text\n25/07/2026,14:00,A\n05/08/2026,09:15,B\n', { defaultAccountIds: [brand] });
    expect(told.dateOrder).toBe('dmy');
    expect(told.rows.map((r) => r.wallDate)).toEqual(['2026-07-25', '2026-08-05']);
    // Without default accounts the rows cannot be scheduled.
    const none = await preview('date,time_24hr,message_text\n25/07/2026,14:00,A\n');
    expect(none.rowsWithoutAccount).toBe(1);
    expect(none.rows[0]?.problems[0]?.message).toMatch(/names no account/);
    expect(none.rows[0]?.problems[0]?.problem.code).toBe('import_no_account');
  });

  it('reads Publer templates with ; separators and a BOM, and Postiz exports with UTC times', async () => {
    const publer =
      '\uFEFFDate;Text;Link(s);Media URL(s);Title;Labels;Alt text(s);Comment(s)\n2026-06-12 20:35;New post;https://example.com/a;https://cdn.example.com/x.png;;promo;;First!\n';
    const p = await preview(publer, { defaultAccountIds: [brand] });
    expect(p).toMatchObject({ format: 'publer', delimiter: ';', encoding: 'UTF-8 with a byte-order mark' });
    expect(p.rows[0]).toMatchObject({
      excerpt: 'New post\nhttps://example.com/a',
      wallTime: '20:35',
      labels: ['promo'],
      firstComment: true,
    });
    expect(p.rows[0]?.problems).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/https:\/\/cdn.example.com\/x.png is a web link/) }),
    ]);
    const postiz = 'content,publishDate,integration\nFrom Postiz,2026-06-15T07:00:00.000Z,mastodon\n';
    const q = await preview(postiz);
    expect(q).toMatchObject({ format: 'postiz' });
    expect(q.rows[0]).toMatchObject({ at: Date.UTC(2026, 5, 15, 7, 0), accounts: ['Brand'], problems: [] });
  });

  it('asks for a mapping for unknown columns, then imports with it', async () => {
    const csv = 'When,Copy,Where\n2026-06-20 10:00,Mapped text,Brand\n';
    const p = await preview(csv);
    expect(p).toMatchObject({ format: 'custom', needsMapping: true });
    expect(p.mapping).toEqual({ When: 'ignore', Copy: 'ignore', Where: 'ignore' });
    const mapping = { When: 'dateTime', Copy: 'text', Where: 'accounts' } as const;
    await expect(env.backend.call('import.commit', { fileName: 'x.csv', contentBase64: b64(csv) })).rejects.toThrow(/Confirm which column/);
    const mapped = await preview(csv, { mapping });
    expect(mapped.rows[0]).toMatchObject({ excerpt: 'Mapped text', wallTime: '10:00', accounts: ['Brand'], problems: [] });
    expect(await env.backend.call('import.commit', { fileName: 'x.csv', contentBase64: b64(csv), mapping })).toMatchObject({ imported: 1 });
  });

  it('refuses malformed files as a whole with what to do', async () => {
    await expect(preview(Buffer.from('text,accounts\nCaff\xe8,Brand\n', 'latin1'))).rejects.toThrow(/plan.csv: The file is not UTF-8/);
    await expect(preview('text,accounts\n"never closed,Brand\n')).rejects.toThrow(/starts on line 2 is never closed/);
    await expect(preview('text,text\nA,B\n')).rejects.toThrow(/the column "text" appears twice/);
    await expect(preview('text,accounts\n')).rejects.toThrow(/has a header but no rows/);
    const extra = await preview('date,time,text,accounts\n2026-06-10,09:00,Hello, world,Brand\n');
    expect(extra.rows[0]?.problems[0]?.message).toMatch(/has 5 fields but the header has 4/);
    expect(await countPosts()).toBe(0);
  });

  it('reads back its own CSV export (versions, apostrophe marks) as the same plan', async () => {
    await env.backend.call('posts.create', {
      text: '=1+1 is how we start',
      accountIds: [brand],
      overrides: { [brand]: 'Brand wording' },
      labels: ['math'],
      when: { kind: 'at', wall: { date: '2026-06-11', time: '08:15', timeZone: 'Europe/Rome' } },
    });
    const exported = await env.backend.call('export.posts', { format: 'csv' });
    expect(exported.content.startsWith('\uFEFFpost_id,status,scheduled_utc,')).toBe(true);
    expect(exported.content).toContain("'=1+1 is how we start");
    await env.backend.call('posts.delete', { id: (await env.backend.call('posts.list', {}))[0]?.id as string });
    const r = await env.backend.call('import.commit', { fileName: 'back.csv', contentBase64: b64(exported.content) });
    expect(r.imported).toBe(1);
    const [post] = await env.backend.call('posts.list', {});
    expect(post).toMatchObject({ text: '=1+1 is how we start', labels: ['math'], scheduledAt: Date.UTC(2026, 5, 11, 6, 15) });
    expect(post?.targets[0]).toMatchObject({ accountId: brand, textOverride: 'Brand wording' });
    expect(club).toBeTruthy();
  });
});
