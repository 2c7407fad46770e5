// The review workflow over HTTP: approval rules, a post's review state, submit / approve / request changes, comments,
// the post's history, review links (made by members, and the public routes a reviewer without an account uses with
// the link's token), and each person's notifications and choice of notification emails. Every route checks the
// session and the role first (the workflow modules check again); a change is signalled to every server process, which
// tells the pages open on it.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CurrentSession } from '../auth/auth';
import { decideAction, type WorkspaceAction } from '../auth/permissions';
import { postHistory } from '../workspace/audit';
import type { Member } from '../workspace/db';
import { WorkspaceError, type WorkspaceErrorCode } from '../workspace/errors';
import { isEmailPreference } from '../workspace/notifications';
import { readReviewPost } from '../workspace/postView';
import { REVIEW_LINK_DEFAULT_TTL_MS, REVIEW_LINK_MAX_TTL_MS } from '../workspace/reviewLinks';
import { publishSignal, type WorkspaceSignal } from '../workspace/signals';
import type { ReviewWorkflow } from '../workspace/workflow';
import { HttpError, readJson, sendJson, text } from './httpKit';

export interface ReviewRouteContext {
  readonly workflow: ReviewWorkflow;
  requireSession(req: IncomingMessage): Promise<{ session: CurrentSession }>;
  checkStateChange(req: IncomingMessage, wantJson: boolean): void;
  clientAddress(req: IncomingMessage): string;
  ownOrigin(req: IncomingMessage): string;
  log(line: string): void;
}

const WORKSPACE_STATUS: Readonly<Record<WorkspaceErrorCode, number>> = {
  not_allowed: 403,
  own_post: 403,
  post_unknown: 404,
  wrong_state: 409,
  already_decided: 409,
  rule_invalid: 400,
  comment_unknown: 404,
  comment_invalid: 400,
  comment_deleted: 410,
  not_comment_author: 403,
  link_invalid: 404,
  link_expired: 410,
  link_revoked: 410,
  link_other_post: 403,
  link_cannot_approve: 403,
  reviewer_name_missing: 400,
};

const NOTE_MAX = 2000;
const HOUR = 3_600_000;

/** The routes this module answers; anything else under these prefixes is a 404 from the server. */
export const isReviewPath = (path: string) =>
  path.startsWith('/api/review/') ||
  path === '/api/notifications' ||
  path.startsWith('/api/notifications/') ||
  path.startsWith('/api/review-link/');

function allow(member: Member, action: WorkspaceAction): void {
  const d = decideAction(member.role, action);
  if (!d.allowed) throw new HttpError(403, 'forbidden', d.reason);
}

function optionalText(body: Record<string, unknown>, name: string, max: number, what: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max)
    throw new HttpError(400, 'invalid_input', `Send ${name} as text of up to ${max} characters: ${what}.`);
  return v.trim() === '' ? undefined : v.trim();
}

function optionalIndex(body: Record<string, unknown>, name: string): number | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new HttpError(
      400,
      'invalid_input',
      `Send ${name} as the part's number (0 for the first part), or leave it out for the whole post.`,
    );
  return v;
}

function ruleScope(body: Record<string, unknown>) {
  if (body.scope === 'account')
    return { scope: 'account' as const, accountId: text(body, 'accountId', 'the account whose posts need approval') };
  if (body.scope === 'label') return { scope: 'label' as const, label: text(body, 'label', 'the label whose posts need approval') };
  throw new HttpError(400, 'invalid_input', 'Send scope: "account" (with accountId) or "label" (with label).');
}

/** How long a new link lasts: expiresInHours or expiresInDays, 7 days when neither is given, up to 90 days. */
function linkTtl(body: Record<string, unknown>): number {
  const hours = body.expiresInHours;
  const days = body.expiresInDays;
  const ttl = hours !== undefined ? Number(hours) * HOUR : days !== undefined ? Number(days) * 24 * HOUR : REVIEW_LINK_DEFAULT_TTL_MS;
  if (
    (hours !== undefined && typeof hours !== 'number') ||
    (days !== undefined && typeof days !== 'number') ||
    !(ttl > 0 && ttl <= REVIEW_LINK_MAX_TTL_MS)
  )
    throw new HttpError(
      400,
      'invalid_input',
      'A review link lasts from an hour up to 90 days: send expiresInDays (1–90) or expiresInHours.',
    );
  return ttl;
}

/**
 * The post a review link's token names. Unverified: only a hint for the workflow, which checks the signature, the
 * stored link and that it is this post's before anything is read. Payload: link id . post id . expiry . nonce.
 */
export function postIdOfReviewToken(token: string): string {
  const dot = token.indexOf('.');
  const parts = Buffer.from(dot > 0 ? token.slice(0, dot) : '', 'base64url')
    .toString('utf8')
    .split('.');
  return parts.length >= 4 ? parts.slice(1, -2).join('.') : '';
}

const decodeSegment = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(404, 'not_found', 'Nothing is served at this address.');
  }
};

export async function reviewRoute(ctx: ReviewRouteContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    await routeIn(ctx, req, res, path);
  } catch (e) {
    if (e instanceof WorkspaceError) throw new HttpError(WORKSPACE_STATUS[e.code], e.code, e.message);
    throw e;
  }
}

async function routeIn(ctx: ReviewRouteContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const { workflow: wf } = ctx;
  const method = req.method ?? 'GET';
  const ok = (value: unknown, status = 200) => sendJson(res, status, { ok: true, value });
  const signal = (s: WorkspaceSignal) =>
    publishSignal(wf.pool, s).catch((e: Error) => ctx.log(`A change could not be signalled to open pages: ${e.message}`));
  const get = () => {
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET.', { allow: 'GET' });
  };
  const post = async () => {
    if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    ctx.checkStateChange(req, true);
    return readJson(req);
  };
  const origin = () => ({
    address: ctx.clientAddress(req),
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
  });

  // ---- public: a reviewer with a review link's token (sent in the body, never in an address)
  if (path.startsWith('/api/review-link/')) {
    const action = path.slice('/api/review-link/'.length);
    if (!['open', 'approve', 'request-changes', 'comment'].includes(action))
      throw new HttpError(404, 'not_found', 'Nothing is served at this address.');
    const body = await post();
    const token = text(body, 'token', 'the review link’s token, from the link you were sent');
    const postId = postIdOfReviewToken(token);
    if (action === 'open') return ok(await wf.links.open(token, postId, origin()));
    const name = typeof body.name === 'string' ? body.name : '';
    if (action === 'comment') {
      const comment = await wf.links.comment(token, postId, origin(), {
        name,
        body: typeof body.body === 'string' ? body.body : '',
        partIndex: optionalIndex(body, 'partIndex'),
        replyTo: optionalText(body, 'replyTo', 100, 'the comment being answered') ?? null,
      });
      await signal({ type: 'review.changed', postId });
      return ok(comment, 201);
    }
    const note = optionalText(body, 'note', NOTE_MAX, 'what you would like changed, or a word with your approval');
    if (action === 'approve') await wf.links.approve(token, postId, origin(), { name, ...(note ? { note } : {}) });
    else {
      if (!note) throw new HttpError(400, 'invalid_input', 'Say what should change (send note).');
      await wf.links.requestChanges(token, postId, origin(), { name, note });
    }
    await signal({ type: 'review.changed', postId });
    return ok({ decided: action === 'approve' ? 'approved' : 'changes_requested' });
  }

  // ---- members
  const { session } = await ctx.requireSession(req);
  const me: Member = { id: session.user.id, displayName: session.user.displayName, role: session.user.role };

  if (path === '/api/notifications') {
    get();
    const url = new URL(req.url ?? '/', 'http://x');
    const unreadOnly = url.searchParams.get('unread') === '1';
    return ok({
      items: await wf.notifications.list(me.id, { unreadOnly, limit: 100 }),
      unread: await wf.notifications.unreadCount(me.id),
    });
  }
  if (path === '/api/notifications/unread-count') {
    get();
    return ok({ unread: await wf.notifications.unreadCount(me.id) });
  }
  // One's own choice of notification emails: anyone signed in, viewers too, sets their own and nobody else's.
  if (path === '/api/notifications/email') {
    if (method === 'POST') {
      const body = await post();
      if (!isEmailPreference(body.preference))
        throw new HttpError(
          400,
          'invalid_input',
          'Send preference: "all" (every notification by email), "needs_me" (review requests, changes requested on your posts and mentions) or "none" (no email; notifications stay in the app).',
        );
      await wf.notifications.setEmailPreference(me.id, body.preference);
    } else if (method !== 'GET')
      throw new HttpError(405, 'method_not_allowed', 'Use GET to read your choice, POST to change it.', { allow: 'GET, POST' });
    return ok({ preference: await wf.notifications.emailPreference(me.id), emailConfigured: wf.notifications.emailConfigured });
  }
  if (path === '/api/notifications/read' || path === '/api/notifications/unread') {
    const body = await post();
    const read = path.endsWith('/read');
    let changed: number;
    if (read && body.all === true) changed = await wf.notifications.markAllRead(me.id);
    else {
      const ids = body.ids;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500 || !ids.every((i) => typeof i === 'string'))
        throw new HttpError(
          400,
          'invalid_input',
          `Send ids: the notifications to mark ${read ? 'read' : 'unread'} (1 to 500)${read ? ', or all: true' : ''}.`,
        );
      changed = read ? await wf.notifications.markRead(me.id, ids) : await wf.notifications.markUnread(me.id, ids);
    }
    if (changed > 0) await signal({ type: 'notifications.changed', userIds: [me.id] });
    return ok({ changed, unread: await wf.notifications.unreadCount(me.id) });
  }

  if (path === '/api/review/members') {
    get();
    allow(me, 'members.list');
    const { rows } = await wf.pool.query<{ id: string; display_name: string; email: string; role: string }>(
      'SELECT id, display_name, email, role FROM users WHERE deactivated_at IS NULL ORDER BY lower(display_name), id',
    );
    // For @mentions: the name and the part of the address before the @, which mentions also answer to.
    return ok(rows.map((r) => ({ id: r.id, displayName: r.display_name, handle: r.email.split('@')[0] ?? '', role: r.role })));
  }

  if (path === '/api/review/rules') {
    if (method === 'GET') return ok(await wf.approvals.listRules());
    const body = await post();
    allow(me, 'approvalRules.set');
    const scope = ruleScope(body);
    if (typeof body.approvalsNeeded !== 'number')
      throw new HttpError(400, 'invalid_input', 'Send approvalsNeeded: 1 (one approver) or 2 (two different people).');
    const rule = await wf.approvals.setRule(me, scope, body.approvalsNeeded);
    await signal({ type: 'rules.changed' });
    return ok(rule, 201);
  }
  if (path === '/api/review/rules/remove') {
    const body = await post();
    allow(me, 'approvalRules.set');
    const removed = await wf.approvals.removeRule(me, ruleScope(body));
    if (removed) await signal({ type: 'rules.changed' });
    return ok({ removed });
  }

  const postMatch = /^\/api\/review\/posts\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
  if (postMatch) {
    const postId = decodeSegment(postMatch[1] as string);
    const what = postMatch[2];
    if (what === undefined) {
      get();
      allow(me, 'audit.read');
      const view = await readReviewPost(wf.pool, postId);
      if (!view) throw new HttpError(404, 'post_unknown', 'There is no such post in this workspace.');
      const { rows } = await wf.pool.query<{ author_id: string | null; revised_by: string | null }>(
        'SELECT author_id, revised_by FROM posts WHERE id = $1',
        [postId],
      );
      const authors = rows[0] ?? { author_id: null, revised_by: null };
      const own = me.id === authors.author_id || me.id === authors.revised_by;
      const may = (a: WorkspaceAction) => decideAction(me.role, a).allowed;
      return ok({
        ...view,
        status: await wf.approvals.status(postId),
        authorId: authors.author_id,
        revisedBy: authors.revised_by,
        // What this person may do here, so a page offers only that (the routes check again).
        may: {
          submit: may('approvals.submit'),
          decide: may('approvals.decide') && !own,
          comment: may('comments.add'),
          resolve: may('comments.resolve'),
          links: may('reviewLinks.create'),
          rules: may('approvalRules.set'),
          deleteAnyComment: me.role === 'owner' || me.role === 'admin',
        },
      });
    }
    if (what === 'submit') {
      const body = await post();
      allow(me, 'approvals.submit');
      const status = await wf.approvals.submit(me, postId, optionalText(body, 'note', NOTE_MAX, 'a word for the approvers'));
      await signal({ type: 'review.changed', postId });
      return ok(status);
    }
    if (what === 'approve' || what === 'request-changes') {
      const body = await post();
      allow(me, 'approvals.decide');
      const note = optionalText(body, 'note', NOTE_MAX, 'what should change, or a word with your approval');
      if (what === 'request-changes' && !note) throw new HttpError(400, 'invalid_input', 'Say what should change (send note).');
      const status = await wf.approvals.decide(me, postId, what === 'approve' ? 'approved' : 'changes_requested', note);
      await signal({ type: 'review.changed', postId });
      return ok(status);
    }
    if (what === 'comments') {
      if (method === 'GET') {
        allow(me, 'audit.read');
        if (!(await readReviewPost(wf.pool, postId))) throw new HttpError(404, 'post_unknown', 'There is no such post in this workspace.');
        return ok(await wf.comments.list(postId));
      }
      const body = await post();
      allow(me, 'comments.add');
      if (typeof body.body !== 'string') throw new HttpError(400, 'invalid_input', 'Send body: the text of the comment.');
      const comment = await wf.comments.add(me, postId, {
        body: body.body,
        partIndex: optionalIndex(body, 'partIndex'),
        replyTo: optionalText(body, 'replyTo', 100, 'the comment being answered') ?? null,
      });
      await signal({ type: 'review.changed', postId });
      return ok(comment, 201);
    }
    if (what === 'history') {
      get();
      allow(me, 'audit.read');
      return ok(await postHistory(wf.pool, postId));
    }
    if (what === 'links') {
      if (method === 'GET') {
        allow(me, 'reviewLinks.create');
        return ok(await wf.links.list(postId));
      }
      const body = await post();
      allow(me, 'reviewLinks.create');
      if (body.canApprove !== undefined && typeof body.canApprove !== 'boolean')
        throw new HttpError(400, 'invalid_input', 'Send canApprove as true or false.');
      const reviewerName = optionalText(body, 'reviewerName', 100, 'who the link is for');
      const created = await wf.links.create(me, postId, {
        ttlMs: linkTtl(body),
        ...(reviewerName ? { reviewerName } : {}),
        ...(typeof body.canApprove === 'boolean' ? { canApprove: body.canApprove } : {}),
      });
      await signal({ type: 'review.changed', postId });
      // The token rides in the fragment: browsers do not send it to servers, so it stays out of proxies' logs.
      return ok({ ...created, link: `${ctx.ownOrigin(req)}/review#token=${created.token}` }, 201);
    }
  }

  const linkMatch = /^\/api\/review\/links\/([^/]+)\/revoke$/.exec(path);
  if (linkMatch) {
    await post();
    allow(me, 'reviewLinks.revoke');
    const linkId = decodeSegment(linkMatch[1] as string);
    await wf.links.revoke(me, linkId);
    const { rows } = await wf.pool.query<{ post_id: string }>('SELECT post_id FROM review_links WHERE id = $1', [linkId]);
    if (rows[0]) await signal({ type: 'review.changed', postId: rows[0].post_id });
    return ok({ revoked: true });
  }

  const commentMatch = /^\/api\/review\/comments\/([^/]+)\/(edit|delete|resolve|versions)$/.exec(path);
  if (commentMatch) {
    const commentId = decodeSegment(commentMatch[1] as string);
    const what = commentMatch[2];
    if (what === 'versions') {
      get();
      allow(me, 'audit.read');
      await wf.comments.get(commentId);
      return ok(await wf.comments.versions(commentId));
    }
    const body = await post();
    let postId: string;
    let value: unknown;
    if (what === 'edit') {
      allow(me, 'comments.add');
      if (typeof body.body !== 'string') throw new HttpError(400, 'invalid_input', 'Send body: the new text of the comment.');
      const c = await wf.comments.edit(me, commentId, body.body);
      postId = c.postId;
      value = c;
    } else if (what === 'delete') {
      postId = (await wf.comments.get(commentId)).postId;
      await wf.comments.delete(me, commentId);
      value = { deleted: true };
    } else {
      allow(me, 'comments.resolve');
      if (typeof body.resolved !== 'boolean')
        throw new HttpError(400, 'invalid_input', 'Send resolved: true to resolve the comment, false to reopen it.');
      const c = await wf.comments.resolve(me, commentId, body.resolved);
      postId = c.postId;
      value = c;
    }
    await signal({ type: 'review.changed', postId });
    return ok(value);
  }

  throw new HttpError(404, 'not_found', `Nothing is served at ${path.slice(0, 100)}.`);
}
