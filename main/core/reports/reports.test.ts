// The analytics numbers and the report files on a real database with months of seeded history; PDFs rendered with poppler.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAnalyticsHistory } from '../../testing/analyticsHistory';
import { type Db, openDatabase } from '../db/database';
import { MetricsRepo } from '../metrics/metricsRepo';
import { AccountsRepo } from '../repos/accounts';
import { promised } from '../stores/promised';
import { buildAnalyticsView } from './analytics';
import { AnalyticsRepo } from './analyticsRepo';
import { csvField } from './csv';
import { buildReport, type ExportDeps } from './exportReport';

const NOW = Date.UTC(2026, 5, 30, 12);
const QUERY = { from: '2026-06-02', to: '2026-06-29', timeZone: 'Europe/Rome' };

describe('analytics and reports', () => {
  let dir: string;
  let db: Db;
  let deps: ExportDeps;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-reports-'));
    db = await openDatabase(join(dir, 'kairos.sqlite'), { now: NOW });
    seedAnalyticsHistory(db, { now: NOW, days: 120, posts: 480 });
    const analytics = promised(new AnalyticsRepo(db));
    deps = {
      repo: analytics,
      analytics,
      metrics: promised(new MetricsRepo(db)),
      accounts: new AccountsRepo(db).list(),
      observances: () => [{ date: '2026-07-01', name: 'International Joke Day', kind: 'awareness' }],
      observancesOn: () => [],
    };
  });

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the period and the one before it, per network, per hour, with top and bottom posts against the median', async () => {
    const view = await buildAnalyticsView(deps, QUERY);
    const count = (from: number, to: number) =>
      (
        db
          .prepare(`SELECT count(*) AS n FROM targets WHERE status = 'published' AND published_at >= ? AND published_at < ?`)
          .get(from, to) as {
          n: number;
        }
      ).n;
    const posts = view.headline.find((h) => h.key === 'posts');
    expect(posts?.value).toBe(count(view.period.fromAt, view.period.toAt));
    expect(posts?.previous).toBe(count(view.previous.fromAt, view.previous.toAt));
    expect(view.previous).toMatchObject({ from: '2026-05-05', to: '2026-06-01' });
    // Followers grew by 3 a day on Mastodon and 2 on Bluesky: 28 days.
    expect(view.headline.find((h) => h.key === 'followers')?.value).toBe(28 * 5);
    const engagements = view.headline.find((h) => h.key === 'engagements')?.value;
    expect(view.overTime.reduce((s, d) => s + d.engagements, 0)).toBe(engagements);
    expect(view.overTime).toHaveLength(28);
    expect(view.networks.map((n) => n.platform).sort()).toEqual(['bluesky', 'discord', 'mastodon']);
    expect(view.networks.reduce((s, n) => s + n.engagements, 0)).toBe(engagements);
    expect(view.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(view.audience.total);
    expect(view.top[0]?.engagements).toBeGreaterThanOrEqual(view.top[4]?.engagements ?? 0);
    expect(view.bottom[0]?.engagements).toBeLessThanOrEqual(view.top[4]?.engagements ?? 0);
    expect(view.top[0]?.vsMedian).toBeGreaterThan(1);
    expect(view.withoutNumbers.map((a) => a.name)).toEqual(['Community']);
    expect(view.moments.map((m) => [m.kind, m.detail])).toEqual([
      ['paused', 'Storm warning in the city'],
      ['resumed', 'Storm warning in the city'],
    ]);
    // Stop words of both languages are gone; "caffè" and "coffee" remain.
    expect(view.audience.words.map((w) => w.term)).not.toContain('dove');
    expect(view.audience.words.map((w) => w.term)).toContain('caffè');
    expect(view.audience.hashtags[0]).toMatchObject({ term: 'coffee' });
    expect(view.audience.questions.every((q) => q.text.endsWith('?'))).toBe(true);
    expect(view.labels).toEqual(['launch']);

    const launch = await buildAnalyticsView(deps, { ...QUERY, labels: ['launch'], accountIds: ['acc_hist_m'] });
    expect(launch.top.every((p) => p.labels.includes('launch') && p.accountId === 'acc_hist_m')).toBe(true);
    expect(launch.headline[0]?.value).toBeLessThan(posts?.value ?? 0);
  });

  it('writes CSV that spreadsheets open: BOM, ISO dates, quoted quotes and line breaks, every snapshot', async () => {
    // A post in the period whose text would break a naive CSV writer.
    const tricky = (await buildAnalyticsView(deps, QUERY)).bottom[0]?.postId;
    db.prepare('UPDATE posts SET text = ? WHERE id = ?').run('He said "hi",\nthen left; =SUM(A1)', tricky);
    const { bytes, fileName } = await buildReport(deps, QUERY, 'csv', 'en', NOW);
    expect(fileName).toBe('kairos-report-2026-06-02_2026-06-29.csv');
    const text = bytes.toString('utf8');
    expect(
      text.startsWith('\uFEFFpost_id,target_id,account,network,published_at,labels,text,url,deleted_on_network,source,1h_taken_at,'),
    ).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    const view = await buildAnalyticsView(deps, QUERY);
    // Records end with CRLF; the line break inside the quoted text is a bare LF, so it does not split a record.
    expect(lines.length - 1).toBe(view.headline[0]?.value);
    expect(text).toContain(`"He said ""hi"",\nthen left; =SUM(A1)"`);
    expect(text).toMatch(/,mastodon,2026-06-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
    expect(csvField('=cmd')).toBe("'=cmd");
    expect(csvField('plain')).toBe('plain');
  });

  it('writes a PDF whose first page, rendered by poppler, carries the headline numbers, in English and Italian', async () => {
    const view = await buildAnalyticsView(deps, QUERY);
    const posts = String(view.headline[0]?.value);
    for (const [locale, label] of [
      ['en', 'Posts published'],
      ['it', 'Post pubblicati'],
    ] as const) {
      const { bytes, mime } = await buildReport(deps, QUERY, 'pdf', locale, NOW);
      expect(mime).toBe('application/pdf');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const pdf = join(dir, `report-${locale}.pdf`);
      writeFileSync(pdf, bytes);
      execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(dir, `page-${locale}`)]);
      const first = [join(dir, `page-${locale}-1.png`), join(dir, `page-${locale}-01.png`)].find((p) => existsSync(p));
      expect(first, 'pdftoppm rendered page 1').toBeDefined();
      expect(
        readFileSync(first as string)
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
      expect(page1).toContain(label);
      expect(page1).toContain(posts);
      expect(page1).toContain('2026-06-02 – 2026-06-29 (Europe/Rome)');
    }
  });

  it('writes a self-contained HTML report with charts that have text alternatives, and JSON for tools', async () => {
    const html = (await buildReport(deps, QUERY, 'html', 'it', NOW)).bytes.toString('utf8');
    expect(html).toContain('<html lang="it">');
    expect(html).toMatch(
      /<svg role="img" aria-labelledby="ot-t ot-d"[^>]*><title id="ot-t">Interazioni nel tempo<\/title><desc id="ot-d">Interazioni al giorno in 28 giorni/,
    );
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('Storm warning in the city');
    expect(html).not.toMatch(/<script/);
    const json = JSON.parse((await buildReport(deps, QUERY, 'json', 'en', NOW)).bytes.toString('utf8')) as { headline: unknown[] };
    expect(json.headline).toHaveLength(4);
  });
});
