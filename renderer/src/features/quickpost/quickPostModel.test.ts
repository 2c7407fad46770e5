// Tests for quick post's pure rules: preselected accounts, keys, what blocks saving, links and slot wording.

import { describe, expect, it } from 'vitest';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostView, TargetStatus } from '../../../../shared/domain';
import { DEFAULT_RULES } from '../../../../shared/platforms/rules';
import {
  blockingProblem,
  describeSlot,
  initialSelection,
  isSettled,
  keyIntent,
  pastedImage,
  publishedLinks,
  sendProgress,
} from './quickPostModel';

const account = (id: string): AccountWithRule => ({
  id,
  platform: 'discord',
  name: id,
  handle: id,
  status: 'connected',
  statusReason: null,
  unreadableHere: null,
  unreadableElsewhere: null,
  unreadableHereProblem: null,
  unreadableElsewhereProblem: null,
  avatarUrl: null,
  createdAt: 0,
  lengthRule: DEFAULT_RULES.discord,
});
const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('initialSelection', () => {
  it('keeps the last choice minus removed accounts, and picks a lone account', () => {
    expect(initialSelection(['a', 'gone', 'b'], [account('a'), account('b'), account('c')])).toEqual(['a', 'b']);
    expect(initialSelection(['gone'], [account('a')])).toEqual(['a']);
    expect(initialSelection([], [account('a'), account('b')])).toEqual([]);
  });
});

describe('keyIntent', () => {
  it('sends on Cmd+Enter on a Mac and Ctrl+Enter elsewhere, closes on Esc, and leaves Enter alone', () => {
    expect(keyIntent(key('Enter', { metaKey: true }), true)).toBe('send');
    expect(keyIntent(key('Enter', { ctrlKey: true }), true)).toBeNull();
    expect(keyIntent(key('Enter', { ctrlKey: true }), false)).toBe('send');
    expect(keyIntent(key('Enter'), false)).toBeNull();
    expect(keyIntent(key('Enter', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(keyIntent(key('Escape'), false)).toBe('close');
    expect(keyIntent(key('Escape', { shiftKey: true }), false)).toBeNull();
  });
});

describe('blockingProblem', () => {
  const words = { empty: 'empty', pickAccount: 'pick' };
  it('needs text or an image, and an account unless it is a draft', () => {
    expect(blockingProblem('  ', false, ['a'], 'now', words)).toBe('empty');
    expect(blockingProblem('', true, ['a'], 'now', words)).toBeNull();
    expect(blockingProblem('hi', false, [], 'queue', words)).toBe('pick');
    expect(blockingProblem('hi', false, [], 'draft', words)).toBeNull();
  });
});

function post(statuses: [TargetStatus, string | null][]): PostView {
  return {
    id: 'p',
    text: 'x',
    timeZone: 'UTC',
    scheduledAt: 0,
    status: statuses[0]?.[0] ?? 'draft',
    labels: [],
    options: {},
    parts: [],
    media: [],
    targets: statuses.map(([status, url], i) => ({
      id: `t${i}`,
      accountId: `a${i}`,
      status,
      textOverride: null,
      attempts: 1,
      nextAttemptAt: null,
      remoteId: url ? 'r' : null,
      remoteUrl: url,
      lastError: null,
      publishedAt: url ? 1 : null,
      partsPublished: url ? 1 : 0,
    })),
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('publishedLinks and isSettled', () => {
  it('lists the links of published copies and waits while any account is still on its way', () => {
    const partly = post([
      ['published', 'https://discord.com/channels/1/2/3'],
      ['retrying', null],
    ]);
    expect(publishedLinks(partly)).toEqual([{ accountId: 'a0', url: 'https://discord.com/channels/1/2/3' }]);
    expect(isSettled(partly)).toBe(false);
    expect(
      isSettled(
        post([
          ['published', 'https://x'],
          ['failed', null],
        ]),
      ),
    ).toBe(true);
  });
});

describe('sendProgress', () => {
  it('waits for the network while offline, instead of saying it is sending or failing', () => {
    const due = post([['retrying', null]]);
    expect(sendProgress(due, true)).toEqual({ kind: 'sending' });
    expect(sendProgress(due, false)).toEqual({ kind: 'waiting' });
    expect(sendProgress(null, false)).toEqual({ kind: 'waiting' });
  });

  it('says published with every link, partly published, or not sent with the first reason', () => {
    const url = 'https://discord.com/channels/1/2/3';
    expect(sendProgress(post([['published', url]]), false)).toEqual({ kind: 'published', links: [{ accountId: 'a0', url }] });
    expect(
      sendProgress(
        post([
          ['published', url],
          ['failed', null],
        ]),
        true,
      ),
    ).toEqual({ kind: 'partly', links: [{ accountId: 'a0', url }], published: 1 });
    const refused = post([['failed', null]]);
    expect(sendProgress(refused, true)).toEqual({ kind: 'notSent', reason: null });
    const withReason = { ...refused, targets: refused.targets.map((t) => ({ ...t, lastError: 'Discord refused the text.' })) };
    expect(sendProgress(withReason, true)).toEqual({ kind: 'notSent', reason: 'Discord refused the text.' });
  });
});

describe('pastedImage', () => {
  it('takes the first image and notes a pasted file that is not one', () => {
    const png = { type: 'image/png', name: 'a.png' };
    expect(pastedImage([{ type: 'application/pdf', name: 'x.pdf' }, png])).toEqual({ image: png, other: false });
    expect(pastedImage([{ type: 'application/pdf', name: 'x.pdf' }])).toEqual({ image: null, other: true });
    expect(pastedImage([])).toEqual({ image: null, other: false });
  });
});

describe('describeSlot', () => {
  it('writes the wall time with the given formatter, and the zone only when it is not the app zone', () => {
    const slot = { at: 0, timeZone: 'Europe/Rome', date: '2026-06-01', time: '09:00', note: null };
    const words = (date: string, time: string) => `${date} at ${time}`;
    expect(describeSlot(slot, 'Europe/Rome', words)).toBe('2026-06-01 at 09:00');
    expect(describeSlot(slot, 'UTC', words)).toBe('2026-06-01 at 09:00 (Europe/Rome)');
  });
});
