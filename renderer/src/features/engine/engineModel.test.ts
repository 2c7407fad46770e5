// The engine UI's rules: attention counts, grouping of review items, and the checks before pausing or rescheduling.

import { describe, expect, it } from 'vitest';
import type { EngineStatus, ReviewItem } from '../../../../shared/contract/engine';
import { attentionCount, cameDueDuringPause, checkPause, checkWall, groupByPost, groupByStatus, suggestedWall } from './engineModel';

function item(over: Partial<ReviewItem> & Pick<ReviewItem, 'postId' | 'accountId'>): ReviewItem {
  return {
    targetId: `${over.postId}-${over.accountId}`,
    accountName: over.accountId,
    platform: 'discord',
    status: 'held',
    holdKind: 'pause',
    reason: 'Crisis',
    dueAt: 1_000,
    excerpt: `Text of ${over.postId}`,
    seriesId: null,
    actions: ['publish-now', 'mark-published', 'reschedule', 'discard'],
    ...over,
  };
}

const ZONE = 'Europe/Rome';
// 2025-03-30 00:30 UTC = 01:30 in Rome, half an hour before clocks jump from 02:00 to 03:00.
const BEFORE_SPRING_GAP = Date.UTC(2025, 2, 30, 0, 30);

describe('attentionCount', () => {
  it('adds failed, unconfirmed, missed, held and logins about to run out, and is 0 before the first status', () => {
    expect(attentionCount(null)).toBe(0);
    const status = {
      attention: { failed: 1, unconfirmed: 2, missed: 3, held: 4, heldByPause: 4, accountsNeedingLogin: 9 },
    } as unknown as EngineStatus;
    expect(attentionCount(status)).toBe(10);
    const expiring = { accountId: 'acc_1', accountName: 'Ada', platform: 'linkedin', expiresAt: 0 };
    const withLogin = { attention: { ...status.attention, expiringLogins: [expiring] } } as unknown as EngineStatus;
    expect(attentionCount(withLogin)).toBe(11);
  });
});

describe('grouping review items', () => {
  it('puts one post’s targets in one row, keeps the backend’s order, and offers only decisions every target allows', () => {
    const groups = groupByPost([
      item({ postId: 'p1', accountId: 'a', dueAt: 2_000 }),
      item({ postId: 'p2', accountId: 'a', dueAt: 3_000 }),
      item({ postId: 'p1', accountId: 'b', dueAt: 1_500, actions: ['publish-now', 'discard'], reason: 'Other reason' }),
    ]);
    expect(groups.map((g) => [g.postId, g.items.length])).toEqual([
      ['p1', 2],
      ['p2', 1],
    ]);
    expect(groups[0]?.actions).toEqual(['publish-now', 'discard']);
    expect(groups[0]?.dueAt).toBe(1_500);
    expect(groups[0]?.reasons).toEqual(['Crisis', 'Other reason']);
  });

  it('keeps different statuses of one post apart, and orders statuses failed, unconfirmed, missed, held', () => {
    const byStatus = groupByStatus([
      item({ postId: 'p1', accountId: 'a', status: 'held' }),
      item({ postId: 'p1', accountId: 'b', status: 'failed', holdKind: null }),
      item({ postId: 'p3', accountId: 'a', status: 'missed', holdKind: null }),
    ]);
    expect(byStatus.map((s) => [s.status, s.groups.map((g) => g.postId)])).toEqual([
      ['failed', ['p1']],
      ['missed', ['p3']],
      ['held', ['p1']],
    ]);
  });

  it('tells what came due during a pause from other holds', () => {
    expect(cameDueDuringPause(item({ postId: 'p', accountId: 'a', holdKind: 'pause' }))).toBe(true);
    expect(cameDueDuringPause(item({ postId: 'p', accountId: 'a', holdKind: 'account_pause' }))).toBe(true);
    expect(cameDueDuringPause(item({ postId: 'p', accountId: 'a', holdKind: 'preflight' }))).toBe(false);
    expect(cameDueDuringPause(item({ postId: 'p', accountId: 'a', status: 'missed', holdKind: 'pause' }))).toBe(false);
  });
});

describe('checking a pause before sending it', () => {
  const form = { reason: '  Outage at the venue ', autoResume: false, date: '', time: '', timeZone: ZONE };

  it('needs a reason, trimmed', () => {
    expect(checkPause({ ...form, reason: '   ' }, BEFORE_SPRING_GAP)).toEqual({ ok: false, field: 'reason', problem: 'reasonMissing' });
    expect(checkPause(form, BEFORE_SPRING_GAP)).toEqual({ ok: true, reason: 'Outage at the venue', resumeAt: undefined });
  });

  it('sends an automatic resume as the wall time typed, in the zone, when it is ahead', () => {
    const ahead = { ...form, autoResume: true, date: '2025-03-30', time: '01:31' };
    expect(checkPause(ahead, BEFORE_SPRING_GAP)).toEqual({
      ok: true,
      reason: 'Outage at the venue',
      resumeAt: { date: '2025-03-30', time: '01:31', timeZone: ZONE },
    });
  });

  it('refuses a resume time that is now or past, and a missing one', () => {
    expect(checkPause({ ...form, autoResume: true, date: '2025-03-30', time: '01:30' }, BEFORE_SPRING_GAP)).toMatchObject({
      ok: false,
      problem: 'resumePast',
    });
    expect(checkPause({ ...form, autoResume: true, date: '2025-03-30', time: '' }, BEFORE_SPRING_GAP)).toMatchObject({
      ok: false,
      field: 'resume',
      problem: 'resumeMissing',
    });
  });

  it('accepts a wall time in the spring-forward gap: the backend moves it and says so', () => {
    // 02:30 does not exist in Rome that night; it resolves to 03:30, which is ahead.
    expect(checkWall('2025-03-30', '02:30', ZONE, BEFORE_SPRING_GAP)).toEqual({
      ok: true,
      wall: { date: '2025-03-30', time: '02:30', timeZone: ZONE },
    });
  });
});

describe('suggestedWall', () => {
  it('is the next quarter hour at least the given minutes ahead, in the zone’s own wall time', () => {
    // 01:30 + 60 min is 02:30, inside the gap; the instant is 01:30 UTC, which Rome shows as 03:30.
    expect(suggestedWall(BEFORE_SPRING_GAP, ZONE, 60)).toEqual({ date: '2025-03-30', time: '03:30' });
    expect(suggestedWall(BEFORE_SPRING_GAP + 60_000, ZONE, 10)).toEqual({ date: '2025-03-30', time: '01:45' });
  });
});
