import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { it as italian } from '../i18n/it';
import { accountChoice, describeRule, labelsInUse, orderRules, ruleFor, sameScope, scopeOfForm } from './rulesModel';
import type { ApprovalRule, RuleScope } from './types';

const rule = (id: string, scope: RuleScope, approvalsNeeded: 1 | 2 = 1): ApprovalRule => ({
  id,
  scope,
  approvalsNeeded,
  createdBy: 'u',
  createdAt: '2026-01-01T00:00:00Z',
});
const names = new Map([
  ['acc_1', 'Kairos on Mastodon'],
  ['acc_2', 'Atelier news'],
]);
const words = en.team.rules;

describe('approval rules in words', () => {
  it('names the account, or the label, and one approval or two different people', () => {
    expect(describeRule(rule('r1', { scope: 'account', accountId: 'acc_1' }), names, words)).toBe(
      'Posts to Kairos on Mastodon need 1 approval',
    );
    expect(describeRule(rule('r2', { scope: 'account', accountId: 'acc_2' }, 2), names, words)).toBe(
      'Posts to Atelier news need approval from 2 different people',
    );
    expect(describeRule(rule('r3', { scope: 'label', label: 'launch' }), names, words)).toBe('Posts labelled launch need 1 approval');
    expect(describeRule(rule('r4', { scope: 'label', label: 'press' }, 2), names, words)).toBe(
      'Posts labelled press need approval from 2 different people',
    );
    expect(describeRule(rule('r4', { scope: 'label', label: 'press' }, 2), names, italian.team.rules)).toBe(
      'I post con l’etichetta press richiedono l’approvazione di 2 persone diverse',
    );
  });

  it('shows the account’s id while its name is not known', () => {
    expect(describeRule(rule('r1', { scope: 'account', accountId: 'acc_9' }), names, words)).toBe('Posts to acc_9 need 1 approval');
  });

  it('lists account rules first, each kind by the name a person reads rather than by id', () => {
    const rules = [
      rule('r1', { scope: 'label', label: 'press' }),
      rule('r2', { scope: 'account', accountId: 'acc_1' }),
      rule('r3', { scope: 'label', label: 'Launch' }),
      rule('r4', { scope: 'account', accountId: 'acc_2' }),
    ];
    expect(orderRules(rules, names).map((r) => r.id)).toEqual(['r4', 'r2', 'r3', 'r1']);
    // The input is left as it was.
    expect(rules.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
});

describe('the form of a new rule', () => {
  it('names a scope only once an account is chosen or a label typed, trimmed as the server stores it', () => {
    expect(scopeOfForm({ kind: 'account', accountId: '', label: 'launch' })).toBeNull();
    expect(scopeOfForm({ kind: 'account', accountId: 'acc_1', label: 'launch' })).toEqual({ scope: 'account', accountId: 'acc_1' });
    expect(scopeOfForm({ kind: 'label', accountId: 'acc_1', label: '   ' })).toBeNull();
    expect(scopeOfForm({ kind: 'label', accountId: 'acc_1', label: ' launch ' })).toEqual({ scope: 'label', label: 'launch' });
  });

  it('finds the rule a scope has already, which saving replaces', () => {
    const rules = [rule('r1', { scope: 'account', accountId: 'acc_1' }), rule('r2', { scope: 'label', label: 'acc_1' }, 2)];
    expect(ruleFor(rules, { scope: 'label', label: 'acc_1' })?.id).toBe('r2');
    expect(ruleFor(rules, { scope: 'account', accountId: 'acc_1' })?.id).toBe('r1');
    expect(ruleFor(rules, { scope: 'account', accountId: 'acc_2' })).toBeNull();
    expect(ruleFor(rules, null)).toBeNull();
    expect(sameScope({ scope: 'label', label: 'Launch' }, { scope: 'label', label: 'launch' })).toBe(false);
  });

  it('offers each label in use once, sorted, without blanks', () => {
    expect(labelsInUse([{ labels: ['press', 'launch'] }, { labels: [] }, { labels: ['launch', ' ', 'Atelier', ' press '] }])).toEqual([
      'Atelier',
      'launch',
      'press',
    ]);
  });

  it('offers an account by its name, with its handle when that says more', () => {
    expect(accountChoice({ name: 'News', handle: '@news@example.social' })).toBe('News (@news@example.social)');
    expect(accountChoice({ name: 'News channel', handle: 'News channel' })).toBe('News channel');
    expect(accountChoice({ name: 'News', handle: '' })).toBe('News');
  });
});
