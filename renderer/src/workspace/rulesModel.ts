// The approval rules screen's model: a rule in words, the order the rules are listed in, the labels a new rule can
// pick from, and the scope a filled-in form names. Pure, so it is tested without a page.

import type { ApprovalRule, RuleScope } from './types';

export interface RuleWords {
  readonly account: (name: string, approvalsNeeded: number) => string;
  readonly label: (label: string, approvalsNeeded: number) => string;
}

/** The account's name when it is known (the accounts are fetched on their own), its id until then. */
export function describeRule(rule: ApprovalRule, accountNames: ReadonlyMap<string, string>, words: RuleWords): string {
  return rule.scope.scope === 'account'
    ? words.account(accountNames.get(rule.scope.accountId) ?? rule.scope.accountId, rule.approvalsNeeded)
    : words.label(rule.scope.label, rule.approvalsNeeded);
}

/** Account rules first, then label rules, each alphabetically by what the person reads (the server orders by id). */
export function orderRules(rules: readonly ApprovalRule[], accountNames: ReadonlyMap<string, string>): ApprovalRule[] {
  const key = (r: ApprovalRule) =>
    r.scope.scope === 'account' ? (accountNames.get(r.scope.accountId) ?? r.scope.accountId) : r.scope.label;
  return [...rules].sort(
    (a, b) =>
      Number(a.scope.scope === 'label') - Number(b.scope.scope === 'label') ||
      key(a).localeCompare(key(b), undefined, { sensitivity: 'base' }) ||
      a.id.localeCompare(b.id),
  );
}

/** An account as the form offers it: its name, and what it is known by when that says more (two "News" accounts). */
export function accountChoice(a: { readonly name: string; readonly handle: string }): string {
  return a.handle && a.handle !== a.name ? `${a.name} (${a.handle})` : a.name;
}

export const sameScope = (a: RuleScope, b: RuleScope): boolean =>
  a.scope === 'account' ? b.scope === 'account' && a.accountId === b.accountId : b.scope === 'label' && a.label === b.label;

/** The rule a scope has already, which saving the form replaces (the server keeps one rule per scope). */
export function ruleFor(rules: readonly ApprovalRule[], scope: RuleScope | null): ApprovalRule | null {
  return scope ? (rules.find((r) => sameScope(r.scope, scope)) ?? null) : null;
}

/** Every label on the posts, once each, sorted; blanks and surrounding spaces dropped as the server drops them. */
export function labelsInUse(posts: readonly { readonly labels: readonly string[] }[]): string[] {
  const seen = new Set<string>();
  for (const p of posts)
    for (const l of p.labels) {
      const t = l.trim();
      if (t) seen.add(t);
    }
  return [...seen].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || a.localeCompare(b));
}

export interface RuleForm {
  readonly kind: 'account' | 'label';
  readonly accountId: string;
  readonly label: string;
}

/** The scope the form names, or null while it names none (no account chosen, or a label of spaces only). */
export function scopeOfForm(form: RuleForm): RuleScope | null {
  if (form.kind === 'account') return form.accountId ? { scope: 'account', accountId: form.accountId } : null;
  const label = form.label.trim();
  return label ? { scope: 'label', label } : null;
}
