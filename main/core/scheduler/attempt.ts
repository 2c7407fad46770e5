// One publish attempt: the adapter call under a deadline, then what its success or failure means for the target.

import type { Clock } from '../clock';
import { type AccountContextDeps, accountContextFor } from '../platforms/accountContext';
import type { AccountContext, PlatformAdapter, PlatformRegistry } from '../platforms/types';
import type { AttemptOutcome, ClaimedTarget } from '../publishing/types';
import type { AccountsStore } from '../stores/types';
import type { BackoffPolicy } from './backoff';
import { judgeFailure, publishRequestOf } from './outcomes';

/** The adapter and account context a claimed target publishes with. */
export interface FoundAccount {
  readonly adapter: PlatformAdapter;
  readonly ctx: AccountContext<unknown>;
  readonly name: string;
}

/** Null when the account, its network or its credentials are gone. */
export async function findAccountContext(
  d: AccountContextDeps & { platforms: PlatformRegistry },
  t: ClaimedTarget,
): Promise<FoundAccount | null> {
  const account = await d.accounts.get(t.accountId);
  const adapter = account ? d.platforms.get(account.platform) : undefined;
  const ctx = account ? await accountContextFor(d, account, t.targetId) : null;
  if (!account || !adapter || !ctx) return null;
  return { adapter, ctx, name: adapter.displayName };
}

/** The account context with a deadline, so a hung server cannot hold a claim past its lease. */
export function withDeadline(ctx: AccountContext<unknown>, ms: number): AccountContext<unknown> {
  const deadline = AbortSignal.timeout(ms);
  return { ...ctx, signal: ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline };
}

export interface AttemptEnv {
  readonly accounts: AccountsStore;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly deadlineMs: number;
  readonly contextFor: (t: ClaimedTarget) => Promise<FoundAccount | null>;
  /** Why this kind of process cannot open the account's saved login, when that is why contextFor found nothing. */
  readonly unreadableHere: (accountId: string) => Promise<string | null>;
  /** Writes the outcome (or keeps it until the disk accepts it). */
  readonly record: (t: ClaimedTarget, outcome: AttemptOutcome) => Promise<void>;
  readonly onAccountsChanged: () => void;
  /** A success says the network works; a network failure says it does not. */
  readonly onNetwork: (online: boolean) => void;
  readonly fail: (e: unknown) => void;
}

const NO_SAVED_LOGIN = 'This account has no saved login. Log in again in Accounts; its posts wait until then.';

/** Publishes one claimed target and records how it ended. Never throws. */
export async function runAttempt(t: ClaimedTarget, env: AttemptEnv): Promise<void> {
  const found = await env.contextFor(t);
  if (!found) {
    if (await env.accounts.get(t.accountId)) {
      // A login only this kind of process cannot open (sealed by the desktop app's keychain, a lost key file) is
      // recorded for it alone: the post waits, and a process that can open the login publishes it. With no saved
      // login at all, the account needs a new one whichever process publishes.
      const unreadable = await env.unreadableHere(t.accountId);
      const reason = unreadable ?? NO_SAVED_LOGIN;
      if (unreadable === null) await env.accounts.setStatus(t.accountId, 'needs_relogin', reason, env.clock.now());
      env.onAccountsChanged();
      await env.record(t, { status: 'scheduled', reason, dueAt: t.scheduledAt ?? env.clock.now(), waitKind: 'account' });
      return;
    }
    await env.record(t, { status: 'failed', reason: 'The account for this post was removed. Pick another account and post it again.' });
    return;
  }
  try {
    const out = await found.adapter.publish(publishRequestOf(t), withDeadline(found.ctx, env.deadlineMs));
    env.onNetwork(true);
    await env.record(t, { status: 'published', remoteId: out.remoteId, remoteUrl: out.remoteUrl });
  } catch (e) {
    try {
      const verdict = await judgeFailure(e, t, found.adapter, withDeadline(found.ctx, env.deadlineMs), {
        now: env.clock.now(),
        random: env.random,
        backoff: env.backoff,
        platformName: found.name,
      });
      if (verdict.account) {
        await env.accounts.setStatus(t.accountId, verdict.account.status, verdict.account.reason, env.clock.now());
        env.onAccountsChanged();
      }
      if (verdict.offline) env.onNetwork(false);
      await env.record(t, verdict.outcome);
    } catch (inner) {
      env.fail(inner);
    }
  }
}
