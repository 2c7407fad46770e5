// The crisis brake and decisions from the command line: kairos pause / resume / post decide.

import type { ReviewItem } from '../../shared/contract/engine';
import type { Backend } from '../core/backend';
import { allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';
import { humanTime } from './format';

export interface EngineCommandIO {
  out(line: string): void;
}

function parseUntil(text: string, timeZone: string): { date: string; time: string; timeZone: string } {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/.exec(text.trim());
  if (!m) throw new UsageError(`--until "${text}" is not a time; write it as "YYYY-MM-DD HH:mm".`);
  return { date: m[1] as string, time: m[2] as string, timeZone };
}

async function accountId(b: Backend, ref: string | undefined): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  const accounts = await b.call('accounts.list', {});
  const hit = accounts.filter((a) => a.id === ref || a.name.toLowerCase() === ref.toLowerCase());
  if (hit.length === 1) return (hit[0] as { id: string }).id;
  throw new UsageError(
    hit.length ? `More than one account is called "${ref}"; use its id.` : `Unknown account "${ref}". See "kairos accounts list".`,
  );
}

function reviewLines(items: readonly ReviewItem[], timeZone: string): string[] {
  return items.map(
    (r) =>
      `  ${r.postId}  ${r.accountName}  due ${humanTime(r.dueAt, timeZone)}  "${r.excerpt}"\n` +
      `    kairos post decide ${r.postId} --account ${r.accountId} publish-now | reschedule --at "YYYY-MM-DD HH:mm" | discard`,
  );
}

/** kairos pause --reason R [--until "YYYY-MM-DD HH:mm"] [--tz Z] [--account A] */
export async function commandPause(b: Backend, args: ParsedArgs, io: EngineCommandIO): Promise<void> {
  allowOnly(args, ['reason', 'until', 'tz', 'account']);
  const reason = requireOne(args, 'reason', 'why publishing is paused (everyone using Kairos will see it)');
  const tz = one(args, 'tz') ?? (await b.call('settings.get', {})).timeZone;
  const until = one(args, 'until');
  const account = await accountId(b, one(args, 'account'));
  const resumeAt = until ? parseUntil(until, tz) : undefined;
  const r = account
    ? await b.call('engine.pauseAccount', { accountId: account, reason, ...(resumeAt ? { resumeAt } : {}) })
    : await b.call('engine.pause', { reason, ...(resumeAt ? { resumeAt } : {}) });
  if (args.json) {
    io.out(JSON.stringify(r, null, 2));
    return;
  }
  const pause = account ? r.status.pausedAccounts.find((p) => p.accountId === account) : r.status.paused;
  const lines = [
    `${account ? `Publishing is paused for ${pause?.accountName ?? account}` : 'All publishing is paused'}: ${reason}`,
    pause?.resumeAt ? `It resumes by itself at ${humanTime(pause.resumeAt, tz)}.` : 'It stays paused until "kairos resume".',
    ...(r.timeNote ? [r.timeNote] : []),
    ...(r.pulledBack ? [`${r.pulledBack} post(s) scheduled on the networks themselves were pulled back.`] : []),
    ...r.problems,
  ];
  io.out(lines.join('\n'));
}

/** kairos resume [--account A] */
export async function commandResume(b: Backend, args: ParsedArgs, io: EngineCommandIO): Promise<void> {
  allowOnly(args, ['account', 'tz']);
  const account = await accountId(b, one(args, 'account'));
  const r = account ? await b.call('engine.resumeAccount', { accountId: account }) : await b.call('engine.resume', {});
  if (args.json) {
    io.out(JSON.stringify(r, null, 2));
    return;
  }
  const tz = one(args, 'tz') ?? (await b.call('settings.get', {})).timeZone;
  const still = r.status.paused ? [`All publishing is still paused: ${r.status.paused.reason}`] : [];
  io.out(
    [
      account ? 'Publishing resumed for that account.' : 'Publishing resumed.',
      ...still,
      r.review.length
        ? `${r.review.length} post(s) came due during the pause and wait for you (nothing was sent):`
        : 'Nothing came due during the pause.',
      ...reviewLines(r.review, tz),
    ].join('\n'),
  );
}

/** kairos post decide ID publish-now | mark-published [URL] | reschedule --at "…" [--tz Z] | discard  [--account A] */
export async function commandDecide(b: Backend, rest: readonly string[], args: ParsedArgs, io: EngineCommandIO): Promise<boolean> {
  allowOnly(args, ['account', 'at', 'tz']);
  const [id, action, url] = rest;
  if (!id || !action)
    throw new UsageError(
      'post decide needs a post id and publish-now, mark-published [URL], reschedule --at "YYYY-MM-DD HH:mm" or discard.',
    );
  const account = await accountId(b, one(args, 'account'));
  const post = (await b.call('posts.get', { id })).post;
  let decision: Parameters<typeof b.call<'engine.decide'>>[1]['decision'];
  if (action === 'publish-now') decision = { kind: 'publish-now' };
  else if (action === 'discard') decision = { kind: 'discard' };
  else if (action === 'mark-published') decision = url ? { kind: 'mark-published', url } : { kind: 'mark-published' };
  else if (action === 'reschedule') {
    const at = requireOne(args, 'at', 'the new time');
    decision = { kind: 'reschedule', when: { kind: 'at', wall: parseUntil(at, one(args, 'tz') ?? post.timeZone) } };
  } else throw new UsageError(`"${action}" is not a decision; use publish-now, mark-published, reschedule or discard.`);
  const r = await b.call('engine.decide', { postId: id, ...(account ? { accountId: account } : {}), decision });
  io.out(
    args.json
      ? JSON.stringify(r, null, 2)
      : [`${r.post.id}  ${r.post.status}  (${r.applied} account(s))`, ...(r.timeNote ? [r.timeNote] : [])].join('\n'),
  );
  return action === 'publish-now';
}
