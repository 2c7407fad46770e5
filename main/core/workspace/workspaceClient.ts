// The desktop app as a client of a team workspace: signs in, keeps the session cookie in this process only (sealed
// with the desktop's cipher in its SQLite database), forwards the window's contract calls to the server with the
// cookie and the server's Origin, relays the server's events (reconnecting with backoff, `resync` after a gap), and
// keeps changes to posts in an outbox while the workspace cannot be reached, sending them in order, once each.

import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import {
  type BackendEvent,
  errorInfo,
  failure,
  MEDIA_MAX_BYTES,
  type Problem,
  problem,
  type Result,
  requestSchemas,
  type WorkspaceMember,
  type WorkspaceNote,
  type WorkspaceReviewAnswer,
  type WorkspaceStatus,
  wordsFor,
} from '../../../shared/contract';
import type { SaveResult } from '../../../shared/contract/posts';
import type { PostView } from '../../../shared/domain';
import { resolveWallTimeOrProblem } from '../../../shared/time/wallTime';
import type { Clock } from '../clock';
import { fail, KairosError } from '../errors';
import { logSurvived } from '../logs/survived';
import { readRegularFile } from '../media/readRegularFile';
import { parseJson } from '../parse';
import { CredentialUnreadableError, type SecretCipher } from '../secrets/cipher';
import { OUTBOX_CHANNELS, type OutboxChannel, type OutboxEntry, type StoredLink, type WorkspaceLinkRepo } from './linkRepo';
import {
  isEnvelope,
  serverError,
  type WorkspaceAnswer,
  type WorkspaceRequest,
  WorkspaceUnreachableError,
  workspaceOrigin,
  workspaceRequest,
} from './workspaceHttp';

export interface WorkspaceClientOptions {
  readonly repo: WorkspaceLinkRepo;
  /** The desktop's cipher: the session cookie is sealed with it at rest. */
  readonly cipher: SecretCipher;
  readonly clock: Clock;
  /** The zone a draft kept from a conflict gets when the post it came from is gone. */
  readonly defaultTimeZone: string;
  /** The desktop's open dialog (media.pick): the chosen files are read here and sent to the workspace. */
  readonly pickMediaFiles?: (() => Promise<readonly string[]>) | undefined;
  /** How long to wait before reconnecting the event stream, doubling from min to max (tests shorten it). */
  readonly retry?: { readonly minMs: number; readonly maxMs: number };
}

/** What one request to the workspace came to. */
type Sent =
  | { readonly kind: 'result'; readonly result: Result<unknown> }
  | { readonly kind: 'unreachable'; readonly problem: Problem }
  | { readonly kind: 'signed_out' };

/** What one exchange with the workspace came to, before the answer is read as a contract call or a route's. */
type Exchanged =
  | { readonly kind: 'answer'; readonly answer: WorkspaceAnswer; readonly refused: { code: string; message: string } | null }
  | { readonly kind: 'unreachable'; readonly problem: Problem }
  | { readonly kind: 'signed_out' };

const DEFAULT_RETRY = { minMs: 1_000, maxMs: 30_000 };
const EXCERPT_CHARS = 60;

const isOutboxChannel = (channel: string): channel is OutboxChannel => (OUTBOX_CHANNELS as readonly string[]).includes(channel);
const newEntryId = () => randomBytes(12).toString('hex');
const failed = (p: Problem): Result<never> => ({ ok: false, error: errorInfo(p) });

function excerptOf(text: unknown, fallback: string): string {
  const line = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  if (line === '') return fallback;
  const chars = Array.from(line);
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : line;
}

function memberOf(body: unknown): WorkspaceMember | null {
  const user = (body as { value?: { user?: Record<string, unknown> } } | undefined)?.value?.user;
  if (!user) return null;
  const { id, email, displayName, role } = user;
  return typeof id === 'string' && typeof email === 'string' && typeof displayName === 'string' && typeof role === 'string'
    ? { id, email, displayName, role }
    : null;
}

/** A JSON value written with its keys in order, so two equal values compare equal as text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function overridesOf(post: PostView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of post.targets) if (t.textOverride !== null) out[t.accountId] = t.textOverride;
  return out;
}

const mediaOf = (post: PostView) => post.media.map((m) => ({ id: m.id, alt: m.alt, partIndex: m.partIndex, focus: m.focus }));

/**
 * Whether the post already holds everything the change sets: a change sent again after its answer was lost
 * meets its own earlier copy, which is not someone else's.
 */
function alreadyApplied(change: Record<string, unknown>, post: PostView): boolean {
  const same = (field: string, now: unknown) => change[field] === undefined || canonical(change[field]) === canonical(now);
  const accounts = change.accountIds as string[] | undefined;
  return (
    same('text', post.text) &&
    same('labels', post.labels) &&
    same('parts', post.parts) &&
    same('options', post.options) &&
    same('overrides', overridesOf(post)) &&
    (accounts === undefined || canonical([...new Set(accounts)].sort()) === canonical(post.targets.map((t) => t.accountId).sort())) &&
    (change.media === undefined ||
      canonical((change.media as { id: string; alt?: string }[]).map((m) => [m.id, m.alt ?? ''])) ===
        canonical(post.media.map((m) => [m.id, m.alt])))
  );
}

/** A proxy in front of a stopped server, or the workspace's database away for a moment: not reachable now. */
const notReachableNow = (status: number, refused: { code: string } | null) =>
  status === 502 || status === 504 || (status === 503 && refused?.code !== 'not_available');

type Move = 'posts.reschedule' | 'posts.cancel';
const isMove = (channel: OutboxChannel): channel is Move => channel === 'posts.reschedule' || channel === 'posts.cancel';

const allPublished = (post: PostView) => post.targets.length > 0 && post.targets.every((t) => t.status === 'published');

/**
 * Whether the post already is where a move kept offline puts it: sent before and its answer lost, or a teammate
 * made the same move. Nothing is sent then, so a resend never writes a second history line.
 */
function alreadyMoved(entry: OutboxEntry, post: PostView): boolean {
  if (entry.channel === 'posts.cancel') {
    // Nothing left that a cancel would stop: cancelled already, a draft, or only what went out.
    return post.targets.every((t) => t.status === 'cancelled' || t.status === 'draft' || t.status === 'published');
  }
  const r = requestSchemas['posts.reschedule'].safeParse(entry.payload);
  if (!r.success) return false;
  const when = r.data.when;
  const timed = post.status !== 'draft' && post.scheduledAt !== null;
  switch (when.kind) {
    case 'draft':
      return post.status === 'draft' && post.scheduledAt === null && (when.timeZone === undefined || when.timeZone === post.timeZone);
    case 'instant':
      return timed && post.scheduledAt === when.at && post.timeZone === when.timeZone;
    case 'at': {
      const resolved = resolveWallTimeOrProblem(when.wall);
      return resolved.kind !== 'invalid' && timed && post.scheduledAt === resolved.instant && post.timeZone === when.wall.timeZone;
    }
    case 'now':
      // "Post now" has no time of its own to compare: sent before, a time from then on is taken as ours.
      return entry.attempts > 0 && timed && (post.scheduledAt ?? 0) >= entry.createdAt;
  }
}

/** Parses a request the way the backend would, so the outbox never keeps what the server would refuse as malformed. */
function parsed(channel: OutboxChannel, payload: unknown): Result<Record<string, unknown>> {
  const r = requestSchemas[channel].safeParse(payload ?? undefined);
  if (r.success) return { ok: true, value: r.data as Record<string, unknown> };
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || null;
  return failed(problem('input_invalid', { field, issue: issue?.code ?? 'custom', text: issue?.message ?? 'Not understood.' }));
}

export class WorkspaceClient {
  readonly #o: WorkspaceClientOptions;
  readonly #retry: { readonly minMs: number; readonly maxMs: number };
  #link: StoredLink | null;
  /** Notifications already told (or there before this session's first look). */
  readonly #noticed = new Set<string>();
  #noticesPrimed = false;
  /** The session cookie ("name=value"), in memory only; null when signed out. */
  #cookie: string | null = null;
  #online = false;
  #closed = false;
  #events: AbortController | null = null;
  #draining: Promise<void> | null = null;
  /** Tries the outbox again while changes wait and no event stream brings the workspace back by itself. */
  #retryTimer: NodeJS.Timeout | null = null;
  #retryDelay: number;
  readonly #listeners = new Set<(e: BackendEvent) => void>();
  /** Each post's updatedAt as the workspace last showed it: what an offline edit was made from. */
  readonly #seen = new Map<string, number>();
  /** A few words of each post the workspace showed, for a note about a move of one that is gone when it is sent. */
  readonly #excerpts = new Map<string, string>();

  constructor(o: WorkspaceClientOptions) {
    this.#o = o;
    this.#retry = o.retry ?? DEFAULT_RETRY;
    this.#retryDelay = this.#retry.minMs;
    this.#link = o.repo.link();
    if (this.#link?.sealedSession) {
      try {
        this.#cookie = o.cipher.open(this.#link.sealedSession);
      } catch (e) {
        // Sealed by a keychain this session cannot open (locked, or another user's): sign in again.
        if (!(e instanceof CredentialUnreadableError)) throw e;
        o.repo.endSession();
      }
    }
  }

  /** Starts following the workspace's events when a session was kept from the last run. */
  start(): void {
    if (this.#cookie) {
      this.#startEvents();
      this.#kickDrain();
    }
  }

  /** Whether the window's calls go to a workspace (signed in, or waiting to sign in again). */
  linked(): boolean {
    return this.#link !== null;
  }

  status(): WorkspaceStatus {
    const link = this.#link;
    return {
      state: link === null ? 'none' : this.#cookie ? 'connected' : 'signed_out',
      url: link?.url ?? null,
      user: link?.member ?? null,
      online: link !== null && this.#cookie !== null && this.#online,
      pending: link === null ? 0 : this.#o.repo.pendingCount(),
      notes: link === null ? [] : this.#o.repo.notes(),
    };
  }

  subscribe(listener: (e: BackendEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(req: { url: string; email: string; password: string }): Promise<WorkspaceStatus> {
    const origin = workspaceOrigin(req.url);
    if (!origin) throw fail('workspace_url_invalid', { url: req.url.slice(0, 200) }, 'url');
    const reach = async (r: Parameters<typeof workspaceRequest>[1]) => {
      try {
        return await workspaceRequest(origin, r);
      } catch (e) {
        if (e instanceof WorkspaceUnreachableError) throw new KairosError(e.problem, 'url');
        throw e;
      }
    };
    // A Kairos server answers /healthz with the state of its database; anything else is not one.
    const health = await reach({ method: 'GET', path: '/healthz', timeoutMs: 10_000 });
    const database = (health.body as { database?: unknown } | undefined)?.database;
    if (database !== 'reachable' && database !== 'unreachable') throw fail('workspace_not_kairos', { url: origin }, 'url');
    const answer = await reach({ method: 'POST', path: '/api/session/sign-in', json: { email: req.email, password: req.password } });
    if (answer.status === 401) throw fail('workspace_sign_in_refused', {}, 'password');
    if (answer.status === 429)
      throw fail('workspace_sign_in_limited', { minutes: Math.max(1, Math.ceil((answer.retryAfterSeconds ?? 900) / 60)) });
    const member = memberOf(answer.body);
    if (answer.status !== 200 || !member || !answer.sessionCookie) {
      const refused = serverError(answer.body);
      if (!refused) throw fail('workspace_not_kairos', { url: origin }, 'url');
      if (answer.status === 400) throw new KairosError(problem('workspace_refused', { reason: refused.message }));
      throw fail('workspace_http_error', { url: origin, status: answer.status });
    }
    this.#stopEvents();
    this.#cookie = answer.sessionCookie;
    this.#link = {
      url: origin,
      email: member.email,
      member,
      sealedSession: this.#o.cipher.seal(answer.sessionCookie),
      connectedAt: this.#o.clock.now(),
    };
    this.#o.repo.save(this.#link);
    this.#seen.clear();
    this.#excerpts.clear();
    this.#online = true;
    this.#startEvents();
    // Whatever waited from before the session ended goes now, before anything new.
    await this.#drainNow();
    this.#emitStatus();
    this.#emit({ type: 'resync' });
    return this.status();
  }

  /** Signs out at the server (when it answers) and forgets the link, the session and whatever still waited. */
  async disconnect(): Promise<WorkspaceStatus> {
    const link = this.#link;
    const cookie = this.#cookie;
    this.#stopEvents();
    this.#cookie = null;
    this.#link = null;
    this.#online = false;
    this.#seen.clear();
    this.#excerpts.clear();
    this.#o.repo.clear();
    if (link && cookie) {
      try {
        await workspaceRequest(link.url, { method: 'POST', path: '/api/session/sign-out', cookie, timeoutMs: 5_000 });
      } catch (e) {
        // Unreachable: the session ends by itself on the server after 14 days unused; this computer no longer has it.
        if (!(e instanceof WorkspaceUnreachableError)) throw e;
      }
    }
    this.#emitStatus();
    this.#emit({ type: 'resync' });
    return this.status();
  }

  /** One contract call of the window, answered by the workspace (or kept here, for changes to posts). */
  async invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    const link = this.#link;
    if (!link) return failure('workspace_not_connected', {});
    if (isOutboxChannel(channel)) return this.#change(channel, payload);
    if (channel === 'media.add') return this.#mediaAdd(payload);
    if (channel === 'media.pick') return this.#mediaPick();
    const sent = await this.#send(channel, payload);
    if (sent.kind === 'result') return sent.result;
    if (sent.kind === 'signed_out') return failure('workspace_signed_out', { url: link.url });
    return failed(sent.problem.code === 'workspace_unreachable' ? problem('workspace_offline_read', { url: link.url }) : sent.problem);
  }

  /**
   * One call of the review panel or the notifications list to the workspace's own routes (the channel's schema keeps
   * it to api/review/… and api/notifications/…). The route's answer, refusals included, goes back as it came; a
   * workspace that cannot be reached, or a session that ended, is this channel's own failure, in words.
   */
  async review(path: string, body: Record<string, unknown> | undefined): Promise<WorkspaceReviewAnswer> {
    const link = this.#link;
    if (!link) throw fail('workspace_not_connected', {});
    const sent = await this.#exchange({
      method: body === undefined ? 'GET' : 'POST',
      path: `/${path}`,
      ...(body === undefined ? {} : { json: body }),
      timeoutMs: 20_000,
    });
    if (sent.kind === 'signed_out') throw fail('workspace_signed_out', { url: link.url });
    if (sent.kind === 'unreachable') throw fail('workspace_offline_read', { url: link.url });
    const { answer, refused } = sent;
    const value = answer.body as { ok?: unknown; value?: unknown } | null;
    if (answer.status < 300 && value?.ok === true) return { ok: true, value: value.value };
    if (refused?.code === 'not_available') throw fail('workspace_not_served', { channel: `/${path}` });
    if (refused) return { ok: false, error: refused };
    throw fail(answer.status === 404 || answer.status < 300 ? 'workspace_not_kairos' : 'workspace_http_error', {
      url: link.url,
      status: answer.status,
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopEvents();
    await this.#draining?.catch(() => undefined);
    this.#listeners.clear();
  }

  // ---- changes to posts and the outbox ---------------------------------------------------------

  async #change(channel: OutboxChannel, payload: unknown): Promise<Result<unknown>> {
    const checked = parsed(channel, payload);
    if (!checked.ok) return checked;
    let request = checked.value;
    // Every create carries its own request id, so a resend (after a lost answer, or from the outbox) makes one post.
    if (channel === 'posts.create' && request.clientRequestId === undefined) request = { ...request, clientRequestId: newEntryId() };
    if (this.#cookie && this.#o.repo.pendingCount() > 0) await this.#drainNow();
    // Order is kept: while older changes wait, a new one waits behind them.
    if (!this.#cookie || this.#o.repo.pendingCount() > 0) return this.#keep(channel, request);
    const sent = await this.#send(channel, request);
    if (sent.kind === 'result') return sent.result;
    return this.#keep(channel, request);
  }

  #keep(channel: OutboxChannel, request: Record<string, unknown>): Result<never> {
    const repo = this.#o.repo;
    if (channel === 'posts.create') {
      // The composer saves a new draft again and again until it is made: one post, its latest words.
      const same = repo.outbox().find((e) => e.channel === 'posts.create' && e.payload.clientRequestId === request.clientRequestId);
      if (same) repo.replacePayload(same.id, request);
      else repo.add({ id: newEntryId(), channel, payload: request, createdAt: this.#o.clock.now() });
    } else {
      const id = String(request.id);
      const seen = this.#seen.get(id);
      const kept =
        channel === 'posts.update' && request.expectedUpdatedAt === undefined && seen !== undefined
          ? { ...request, expectedUpdatedAt: seen }
          : request;
      // A move or cancel carries no version: it changes only the post's time, so it applies over a teammate's
      // edit of the words meanwhile (the last time given wins). Its words are for the note if the post is gone.
      const excerpt = isMove(channel) ? (this.#excerpts.get(id) ?? null) : null;
      repo.add({ id: newEntryId(), channel, payload: kept, excerpt, createdAt: this.#o.clock.now() });
    }
    this.#emitStatus();
    this.#retryLater();
    const pending = repo.pendingCount();
    return this.#cookie || !this.#link
      ? failed(problem('workspace_change_kept', { pending }))
      : failed(problem('workspace_signed_out', { url: this.#link.url }));
  }

  #kickDrain(): void {
    void this.#drainNow().catch((e) => logSurvived('the changes kept for the workspace could not be sent', e));
  }

  /** Sends the outbox in order; one pass at a time, however many ask. */
  #drainNow(): Promise<void> {
    if (!this.#draining) {
      this.#draining = this.#drain().finally(() => {
        this.#draining = null;
      });
    }
    return this.#draining;
  }

  async #drain(): Promise<void> {
    const repo = this.#o.repo;
    // An edit made offline from version E of a post, sent after another of ours moved it from E to N, is made from N.
    const moved = new Map<string, { from: unknown; to: number }>();
    let sentAny = false;
    while (this.#cookie && !this.#closed) {
      const entry = repo.outbox()[0];
      if (!entry) break;
      if (isMove(entry.channel)) {
        if (!(await this.#sendMove(entry, moved))) break;
        repo.remove(entry.id);
        sentAny = true;
        this.#emitStatus();
        continue;
      }
      let payload = entry.payload;
      if (entry.channel === 'posts.update') {
        const m = moved.get(String(payload.id));
        if (m && payload.expectedUpdatedAt === m.from) payload = { ...payload, expectedUpdatedAt: m.to };
      }
      repo.attempted(entry.id);
      const sent = await this.#send(entry.channel, payload);
      if (sent.kind !== 'result') break;
      if (!(await this.#settle(entry, payload, sent.result))) break;
      if (sent.result.ok && entry.channel === 'posts.update') {
        const post = (sent.result.value as { post?: PostView }).post;
        if (post) moved.set(post.id, { from: entry.payload.expectedUpdatedAt, to: post.updatedAt });
      }
      repo.remove(entry.id);
      sentAny = true;
      this.#emitStatus();
    }
    if (sentAny) this.#emit({ type: 'posts.changed', postIds: [] });
    if (repo.pendingCount() > 0) this.#retryLater();
    else this.#retryDelay = this.#retry.minMs;
  }

  #retryLater(): void {
    if (this.#retryTimer || this.#closed || !this.#cookie) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#kickDrain();
    }, this.#retryDelay);
    this.#retryTimer.unref();
    this.#retryDelay = Math.min(this.#retryDelay * 2, this.#retry.maxMs);
  }

  #stopRetrying(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#retryDelay = this.#retry.minMs;
  }

  /**
   * What to do with an entry the workspace answered: true when it is settled (sent, already there, kept as a
   * draft, or refused with a note), false when it must wait (the workspace went away meanwhile).
   */
  async #settle(entry: OutboxEntry, payload: Record<string, unknown>, result: Result<unknown>): Promise<boolean> {
    if (result.ok) return true;
    const code = result.error.problem.code;
    if (
      entry.channel === 'posts.update' &&
      (code === 'post_changed_elsewhere' || (code === 'not_found' && result.error.code === 'not_found'))
    ) {
      let current: PostView | null = null;
      if (code === 'post_changed_elsewhere') {
        const got = await this.#send('posts.get', { id: payload.id });
        if (got.kind !== 'result') return false;
        current = got.result.ok ? (got.result.value as { post: PostView }).post : null;
        if (current && alreadyApplied(payload, current)) return true;
      }
      return this.#keepAsDraft(entry, payload, current);
    }
    // Deleted already (by us before a lost answer, or by someone else): what was asked is done.
    if (entry.channel === 'posts.delete' && code === 'not_found') return true;
    this.#note(
      problem('workspace_change_refused', { excerpt: excerptOf(payload.text, String(payload.id ?? '')), reason: result.error.message }),
    );
    return true;
  }

  /**
   * Sends a move (posts.reschedule) or cancel kept offline; false when it must wait. The post is looked at first:
   * deleted or published meanwhile, the person gets a note saying so; already where the move puts it (our own
   * earlier send whose answer was lost, or the same move by a teammate), nothing is sent again. Otherwise it applies
   * over a teammate's edit of the words (a move has no expectedUpdatedAt: the last time given wins), and a refusal
   * (the time has passed, publishing right now, a draft with no accounts) is a note with the workspace's reason.
   */
  async #sendMove(entry: OutboxEntry, moved: Map<string, { from: unknown; to: number }>): Promise<boolean> {
    const id = String(entry.payload.id);
    const change = entry.channel === 'posts.cancel' ? 'cancel' : 'reschedule';
    const gone = (excerpt: string | null) => this.#note(problem('workspace_change_post_gone', { excerpt: excerptOf(excerpt, id), change }));
    const got = await this.#send('posts.get', { id });
    if (got.kind !== 'result') return false;
    if (!got.result.ok) {
      if (got.result.error.problem.code === 'not_found') gone(entry.excerpt);
      else this.#note(problem('workspace_change_refused', { excerpt: excerptOf(entry.excerpt, id), reason: got.result.error.message }));
      return true;
    }
    const current = (got.result.value as { post: PostView }).post;
    if (alreadyMoved(entry, current)) return true;
    const excerpt = excerptOf(current.text, id);
    if (allPublished(current)) {
      this.#note(problem('workspace_change_post_published', { excerpt, change }));
      return true;
    }
    this.#o.repo.attempted(entry.id);
    const sent = await this.#send(entry.channel, entry.payload);
    if (sent.kind !== 'result') return false;
    if (!sent.result.ok) {
      // Deleted between the look and the send.
      if (sent.result.error.problem.code === 'not_found') gone(current.text);
      else this.#note(problem('workspace_change_refused', { excerpt, reason: sent.result.error.message }));
      return true;
    }
    const after = entry.channel === 'posts.cancel' ? (sent.result.value as PostView) : (sent.result.value as SaveResult).post;
    // A later edit kept offline was made from the version before this move (or before an earlier change of ours
    // this pass already moved on): it is made from the moved one, not taken for someone else's.
    const before = moved.get(id);
    moved.set(id, { from: before && before.to === current.updatedAt ? before.from : current.updatedAt, to: after.updatedAt });
    return true;
  }

  /** The person's version of a post someone else changed (or removed) meanwhile, as a new draft of its own. */
  async #keepAsDraft(entry: OutboxEntry, change: Record<string, unknown>, current: PostView | null): Promise<boolean> {
    const pick = <T>(field: string, fallback: T): T => (change[field] === undefined ? fallback : (change[field] as T));
    const draft = {
      text: pick('text', current?.text ?? ''),
      accountIds: pick('accountIds', current ? current.targets.map((t) => t.accountId) : []),
      overrides: pick('overrides', current ? overridesOf(current) : {}),
      labels: pick('labels', current?.labels ?? []),
      options: pick('options', current?.options ?? {}),
      parts: pick('parts', current?.parts ?? []),
      media: pick('media', current ? mediaOf(current) : []),
      when: { kind: 'draft', timeZone: current?.timeZone ?? this.#o.defaultTimeZone },
      // Derived from the entry: sent again after a lost answer, it finds the draft it made.
      clientRequestId: `kept-${entry.id}`,
    };
    const sent = await this.#send('posts.create', draft);
    if (sent.kind !== 'result') return false;
    const excerpt = excerptOf(draft.text, String(change.id));
    this.#note(
      sent.result.ok
        ? problem('workspace_kept_as_draft', { excerpt })
        : problem('workspace_change_refused', { excerpt, reason: sent.result.error.message }),
    );
    return true;
  }

  #note(p: Problem): void {
    const note: WorkspaceNote = { id: newEntryId(), at: this.#o.clock.now(), problem: p, message: wordsFor(p) };
    this.#o.repo.addNote(note);
  }

  // ---- media -----------------------------------------------------------------------------------

  async #mediaAdd(payload: unknown): Promise<Result<unknown>> {
    const r = requestSchemas['media.add'].safeParse(payload ?? undefined);
    if (!r.success) return failure('request_not_understood', {});
    const bytes = r.data.bytes ?? Buffer.from(r.data.dataBase64 ?? '', 'base64');
    return this.#upload(r.data.fileName, r.data.mime, bytes);
  }

  async #mediaPick(): Promise<Result<unknown>> {
    if (!this.#o.pickMediaFiles) return failure('media_dialog_desktop_only', {});
    const paths = await this.#o.pickMediaFiles();
    const added: unknown[] = [];
    for (const path of paths) {
      let bytes: Buffer;
      try {
        bytes = readRegularFile(path, MEDIA_MAX_BYTES);
      } catch (e) {
        if (e instanceof KairosError) return { ok: false, error: errorInfo(e.problem, e.field, e.code) };
        throw e;
      }
      const r = await this.#upload(basename(path), '', bytes);
      if (!r.ok) return r;
      added.push(r.value);
    }
    return { ok: true, value: added };
  }

  async #upload(fileName: string, mime: string, bytes: Uint8Array): Promise<Result<unknown>> {
    const link = this.#link;
    if (!link) return failure('workspace_not_connected', {});
    const query = new URLSearchParams({ fileName, mime });
    const sent = await this.#request('media.add', `/api/media?${query}`, { bytes });
    if (sent.kind === 'result') return sent.result;
    if (sent.kind === 'signed_out') return failure('workspace_signed_out', { url: link.url });
    return failed(sent.problem.code === 'workspace_unreachable' ? problem('workspace_offline_read', { url: link.url }) : sent.problem);
  }

  // ---- requests --------------------------------------------------------------------------------

  #send(channel: string, payload: unknown): Promise<Sent> {
    return this.#request(channel, `/api/invoke/${encodeURIComponent(channel)}`, { json: payload ?? {} });
  }

  /**
   * One request with the session, and what it means for the link: the session ended (401), the workspace not
   * reachable (no answer, or a proxy's or the database's brief absence), or an answer, with its refusal if it is one.
   * Marks the workspace online or offline as it goes.
   */
  async #exchange(r: Omit<WorkspaceRequest, 'cookie'>): Promise<Exchanged> {
    const link = this.#link;
    const cookie = this.#cookie;
    if (!link || !cookie) return { kind: 'signed_out' };
    let answer: WorkspaceAnswer;
    try {
      answer = await workspaceRequest(link.url, { ...r, cookie });
    } catch (e) {
      if (!(e instanceof WorkspaceUnreachableError)) throw e;
      this.#setOnline(false);
      return { kind: 'unreachable', problem: e.problem };
    }
    if (answer.status === 401) {
      this.#sessionEnded();
      return { kind: 'signed_out' };
    }
    const refused = serverError(answer.body);
    if (notReachableNow(answer.status, refused)) {
      this.#setOnline(false);
      return { kind: 'unreachable', problem: problem('workspace_unreachable', { url: link.url }) };
    }
    this.#setOnline(true);
    return { kind: 'answer', answer, refused };
  }

  /** One contract call (or upload) with the session; what its answer means, as the contract's Result. */
  async #request(channel: string, path: string, body: { json?: unknown; bytes?: Uint8Array }): Promise<Sent> {
    const link = this.#link;
    if (!link) return { kind: 'signed_out' };
    const sent = await this.#exchange({ method: 'POST', path, ...body, timeoutMs: body.bytes ? 120_000 : 20_000 });
    if (sent.kind !== 'answer') return sent;
    const { answer, refused } = sent;
    const url = link.url;
    if (answer.status === 200 && isEnvelope(answer.body)) {
      const result = answer.body as Result<unknown>;
      if (result.ok) this.#remember(result.value);
      return { kind: 'result', result };
    }
    if (!refused)
      return {
        kind: 'result',
        result: failed(
          problem(answer.status === 200 || answer.status === 404 ? 'workspace_not_kairos' : 'workspace_http_error', {
            url,
            status: answer.status,
          }),
        ),
      };
    if (refused.code === 'not_available' || refused.code === 'unknown_channel')
      return { kind: 'result', result: failed(problem('workspace_not_served', { channel })) };
    if (answer.status >= 500) return { kind: 'result', result: failed(problem('workspace_http_error', { url, status: answer.status })) };
    return { kind: 'result', result: failed(problem('workspace_refused', { reason: refused.message })) };
  }

  /** Notes each post's updatedAt in an answer: an edit kept offline later says which version it was made from. */
  #remember(value: unknown): void {
    const note = (v: unknown) => {
      const p = v as { id?: unknown; updatedAt?: unknown; text?: unknown; excerpt?: unknown } | null;
      if (!p || typeof p.id !== 'string' || typeof p.updatedAt !== 'number') return;
      this.#seen.set(p.id, p.updatedAt);
      // A post has its text, the calendar's summary an excerpt of it.
      const words = typeof p.text === 'string' ? p.text : p.excerpt;
      if (typeof words === 'string') this.#excerpts.set(p.id, excerptOf(words, p.id));
    };
    if (Array.isArray(value)) value.forEach(note);
    else if (value && typeof value === 'object' && 'post' in value) note((value as { post: unknown }).post);
    else note(value);
  }

  #sessionEnded(): void {
    if (!this.#cookie) return;
    this.#cookie = null;
    this.#online = false;
    this.#stopEvents();
    this.#o.repo.endSession();
    this.#emitStatus();
  }

  #setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    this.#emitStatus();
  }

  #emitStatus(): void {
    this.#emit({ type: 'workspace.status', status: this.status() });
  }

  #emit(e: BackendEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(e);
      } catch (err) {
        logSurvived(`a listener for the workspace's ${e.type} failed`, err);
      }
    }
  }

  // ---- the event stream ------------------------------------------------------------------------

  #startEvents(): void {
    if (this.#events || this.#closed) return;
    const control = new AbortController();
    this.#events = control;
    void this.#follow(control.signal).catch((e) => logSurvived("the workspace's event stream stopped", e));
  }

  #stopEvents(): void {
    this.#events?.abort();
    this.#events = null;
    this.#stopRetrying();
  }

  /** Follows /api/events until stopped; a lost stream is opened again with backoff, and `resync` follows a gap. */
  async #follow(signal: AbortSignal): Promise<void> {
    let delay = this.#retry.minMs;
    let gap = false;
    while (!signal.aborted && this.#cookie && this.#link) {
      const { url } = this.#link;
      let res: Response | null = null;
      try {
        res = await fetch(`${url}/api/events`, {
          headers: { cookie: this.#cookie, accept: 'text/event-stream' },
          signal,
          redirect: 'manual',
        });
      } catch (e) {
        if (signal.aborted) return;
        if (!(e instanceof TypeError)) throw e;
        // No answer: offline until a stream opens again.
        this.#setOnline(false);
      }
      if (res) {
        if (res.status === 401) {
          await res.body?.cancel();
          this.#sessionEnded();
          return;
        }
        if (res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/event-stream') && res.body) {
          delay = this.#retry.minMs;
          this.#setOnline(true);
          // The first connection notes what is unread already; after a gap, what came meanwhile is told.
          if (!this.#noticesPrimed || gap) void this.#announceNewNotifications();
          if (gap) {
            gap = false;
            // Changes kept while away go first; then everyone refetches what was missed.
            await this.#drainNow();
            this.#emit({ type: 'resync' });
          } else this.#kickDrain();
          await this.#read(res.body, signal);
          if (signal.aborted) return;
        } else {
          await res.body?.cancel();
          this.#setOnline(false);
        }
      }
      gap = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      delay = Math.min(delay * 2, this.#retry.maxMs);
    }
  }

  /**
   * Tells the window (and the system notifications) of each unread notification not told before. The first look after
   * signing in only notes what is already there: a person who opens the app is not shown a burst of old ones.
   */
  async #announceNewNotifications(): Promise<void> {
    const link = this.#link;
    const cookie = this.#cookie;
    if (!link || !cookie) return;
    let answer: Awaited<ReturnType<typeof workspaceRequest>>;
    try {
      answer = await workspaceRequest(link.url, { method: 'GET', path: '/api/notifications?unread=1', cookie, timeoutMs: 20_000 });
    } catch (e) {
      if (!(e instanceof WorkspaceUnreachableError)) logSurvived("the workspace's notifications could not be read", e);
      return;
    }
    const items = (answer.body as { ok?: unknown; value?: { items?: unknown } } | null)?.value?.items;
    if (answer.status !== 200 || !Array.isArray(items)) return;
    const priming = !this.#noticesPrimed;
    this.#noticesPrimed = true;
    for (const raw of items as Record<string, unknown>[]) {
      if (typeof raw.id !== 'string' || this.#noticed.has(raw.id)) continue;
      this.#noticed.add(raw.id);
      if (priming) continue;
      this.#emit({
        type: 'workspace.notification',
        notice: {
          id: raw.id,
          kind: String(raw.kind ?? ''),
          summary: String(raw.summary ?? ''),
          actorName: String(raw.actorName ?? ''),
          postId: typeof raw.postId === 'string' ? raw.postId : null,
        },
      });
    }
  }

  /** Reads server-sent events until the stream ends; each `event: backend` frame is one BackendEvent. */
  async #read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffered += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const frame = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          this.#frame(frame);
        }
      }
    } catch (e) {
      // The stream was cut (server stopped, network gone, or we stopped it): the loop decides what next.
      if (signal.aborted || e instanceof TypeError || (e instanceof Error && e.name === 'AbortError')) return;
      throw e;
    } finally {
      reader.releaseLock();
    }
  }

  #frame(frame: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (name === 'workspace' && data.length > 0) {
      const signal = parseJson(data.join('\n')) as { type?: unknown; postId?: unknown } | null;
      if (signal?.type === 'notifications.changed') void this.#announceNewNotifications();
      if (signal?.type === 'review.changed' || signal?.type === 'notifications.changed' || signal?.type === 'rules.changed')
        this.#emit({ type: 'workspace.changed', change: signal.type, postId: typeof signal.postId === 'string' ? signal.postId : null });
      return;
    }
    if (name !== 'backend' || data.length === 0) return;
    const event = parseJson(data.join('\n'));
    if (typeof (event as { type?: unknown })?.type === 'string') this.#emit(event as BackendEvent);
  }
}
