import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fragmentValue, historyLine, linkState, offeredActions, shownState, threads } from './reviewModel';
import type { MemberPostView, ReviewComment, ReviewLinkInfo } from './types';

const comment = (id: string, replyTo: string | null = null): ReviewComment => ({
  id,
  postId: 'p',
  partIndex: null,
  replyTo,
  authorId: 'u',
  authorName: 'U',
  external: false,
  body: id,
  mentions: [],
  createdAt: '2026-01-01T00:00:00Z',
  editedAt: null,
  resolvedAt: null,
  resolvedBy: null,
  deletedAt: null,
});

const link = (over: Partial<ReviewLinkInfo>): ReviewLinkInfo => ({
  id: 'l',
  postId: 'p',
  reviewerName: null,
  canApprove: true,
  createdAt: '2026-01-01T00:00:00Z',
  expiresAt: '2026-01-08T00:00:00Z',
  revokedAt: null,
  uses: [],
  ...over,
});

function view(
  state: MemberPostView['status']['state'],
  may: Partial<MemberPostView['may']>,
  authorId: string | null = 'author',
): MemberPostView {
  return {
    post: { id: 'p', text: 't', parts: [], labels: [], options: {}, scheduledAt: null, timeZone: 'UTC', revision: 1, approvalState: state },
    networks: [],
    media: [],
    status: { postId: 'p', state, revision: 1, approvalsNeeded: 1, approvals: [], publish: { allowed: false, block: null, reason: '' } },
    authorId,
    revisedBy: authorId,
    may: { submit: false, decide: false, comment: false, resolve: false, links: false, rules: false, deleteAnyComment: false, ...may },
  };
}

describe('the review model', () => {
  it('reads secrets from the fragment, whole (tokens hold dots and dashes)', () => {
    expect(fragmentValue('#token=abc.d-e_f', 'token')).toBe('abc.d-e_f');
    expect(fragmentValue('#invitation=xyz&x=1', 'invitation')).toBe('xyz');
    expect(fragmentValue('', 'token')).toBeNull();
    expect(fragmentValue('#token=', 'token')).toBeNull();
  });

  it('shows a post a rule covers as a draft until it is submitted', () => {
    expect(shownState({ state: 'none', approvalsNeeded: 1 })).toBe('draft');
    expect(shownState({ state: 'none', approvalsNeeded: 0 })).toBe('none');
    expect(shownState({ state: 'in_review', approvalsNeeded: 0 })).toBe('in_review');
  });

  it('tells withdrawn, expired, used and unused links apart; opening alone is not a use', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    expect(linkState(link({ revokedAt: '2026-01-01T01:00:00Z' }), now)).toBe('revoked');
    expect(linkState(link({ expiresAt: '2026-01-01T12:00:00Z' }), now)).toBe('expired');
    expect(linkState(link({ uses: [{ at: '', action: 'viewed', address: null }] }), now)).toBe('unused');
    expect(linkState(link({ uses: [{ at: '', action: 'commented', address: null }] }), now)).toBe('used');
  });

  it('puts replies, and replies to replies, under the comment they answer', () => {
    const list = [comment('a'), comment('b'), comment('c', 'a'), comment('d', 'c'), comment('e', 'gone')];
    expect(threads(list).map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
      ['a', ['c', 'd']],
      ['b', []],
      ['e', []],
    ]);
  });

  it('offers submitting to editors before review, deciding to approvers in review, and says when the post is one’s own', () => {
    expect(offeredActions(view('draft', { submit: true }), { id: 'x', role: 'editor' })).toEqual({
      submit: true,
      decide: false,
      ownPost: false,
    });
    expect(offeredActions(view('in_review', { submit: true }), { id: 'x', role: 'editor' }).submit).toBe(false);
    expect(offeredActions(view('changes_requested', { submit: true }), { id: 'x', role: 'editor' }).submit).toBe(true);
    expect(offeredActions(view('in_review', { decide: true }), { id: 'x', role: 'approver' }).decide).toBe(true);
    expect(offeredActions(view('approved', { decide: true }), { id: 'x', role: 'approver' }).decide).toBe(false);
    expect(offeredActions(view('in_review', { decide: false }), { id: 'author', role: 'admin' })).toMatchObject({
      decide: false,
      ownPost: true,
    });
  });

  it('words a history step with who, what, the version and its note', () => {
    const t = en.team.history;
    const base = { id: 1, at: '', userId: null, reviewLinkId: null, revision: 2 };
    expect(historyLine({ ...base, actorName: 'Ann', action: 'review.changes_requested', detail: { note: 'Fix the date' } }, t)).toEqual({
      what: 'Ann requested changes (version 2)',
      quote: 'Fix the date',
    });
    expect(historyLine({ ...base, actorName: 'Carla', reviewLinkId: 'l', action: 'comment.added', detail: { body: 'Nice' } }, t)).toEqual({
      what: 'Carla commented through a review link',
      quote: 'Nice',
    });
    expect(historyLine({ ...base, actorName: 'Ed', action: 'something.new', detail: {} }, t).what).toBe('Ed did something.new');
  });
});
