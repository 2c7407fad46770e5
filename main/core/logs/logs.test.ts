// The publishing log: size-capped generations at 0600, and lines that carry no secrets or terminal tricks.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SchedulerOutcomeEvent } from '../repos/events';
import { countOutcomes, outcomeLine, outcomeSummary } from './outcomeLines';
import { RotatingLog } from './rotatingLog';

describe('RotatingLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the current file under the cap and only the configured number of older ones, all 0600', () => {
    const path = join(dir, 'logs', 'publishing.log');
    const log = new RotatingLog(path, { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 12; i++) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`);
    expect(readFileSync(path, 'utf8')).toMatch(/^line 10 x+\nline 11 x+\n$/);
    expect(readFileSync(`${path}.1`, 'utf8')).toMatch(/^line 08 .*\nline 09 .*\n$/);
    expect(readFileSync(`${path}.2`, 'utf8')).toMatch(/^line 06 .*\nline 07 .*\n$/);
    expect(existsSync(`${path}.3`)).toBe(false);
    for (const f of [path, `${path}.1`, `${path}.2`]) {
      expect(statSync(f).size).toBeLessThanOrEqual(100);
      expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('tightens a file left readable by others, and keeps each entry on one line', () => {
    const path = join(dir, 'old.log');
    writeFileSync(path, 'before\n', { mode: 0o644 });
    const log = new RotatingLog(path);
    log.write('two\nlines');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('before\ntwo lines\n');
  });
});

const event = (over: Partial<SchedulerOutcomeEvent>): SchedulerOutcomeEvent => ({
  id: 1,
  at: Date.UTC(2026, 11, 3, 9, 0),
  kind: 'published',
  postId: 'post_1',
  targetId: 'tgt_1',
  accountId: 'acc_1',
  accountName: 'Community',
  detail: 'https://discord.com/channels/1/2/3',
  ...over,
});

describe('outcome lines', () => {
  it('says when, what, which post, which account, and the link or the reason', () => {
    expect(outcomeLine(event({}))).toBe(
      '2026-12-03T09:00:00.000Z published post=post_1 account="Community" https://discord.com/channels/1/2/3',
    );
    expect(outcomeLine(event({ kind: 'scheduled', detail: 'Log in again.', accountName: null }))).toBe(
      '2026-12-03T09:00:00.000Z waiting-for-login post=post_1 account=acc_1 reason="Log in again."',
    );
  });

  it('cuts credentials out of reasons and neutralises control and bidi characters in names', () => {
    const line = outcomeLine(
      event({
        kind: 'failed',
        accountName: 'Evil\u001b[2J\u202eName',
        detail: 'POST https://discord.com/api/webhooks/123/SeCrEtToKeN-abc failed; Authorization: Bearer abc.def; ?access_token=xyz&x=1',
      }),
    );
    expect(line).not.toMatch(/SeCrEtToKeN|abc\.def|xyz/);
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\u202e');
    expect(line).toContain('/api/webhooks/123/…');
    expect(line).toContain('account="Evil [2J Name"');
  });

  it('summarises a pass by where each target ended', () => {
    const events = [
      event({ targetId: 'a', kind: 'retrying' }),
      event({ targetId: 'a', kind: 'published' }),
      event({ targetId: 'b', kind: 'published' }),
      event({ targetId: 'c', kind: 'scheduled' }),
      event({ targetId: 'd', kind: 'unconfirmed' }),
      event({ targetId: 'e', kind: 'held' }),
    ];
    expect(outcomeSummary(countOutcomes(events))).toBe(
      '2 published, 1 waiting for the account to log in again, 1 unconfirmed (check the account, then decide), 1 held.',
    );
    expect(outcomeSummary(countOutcomes([]))).toBe('Nothing was due.');
  });
});
