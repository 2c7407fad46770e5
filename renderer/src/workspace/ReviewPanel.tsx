// A post's review in a workspace: its state and approvals, submit / approve / request changes, the comments with
// @mentions and resolved state, its history, and its review links. Every action goes to the server, which checks
// the role again; the panel offers only what this person may do, and reloads when the event stream says so.

import { type FormEvent, useId, useState } from 'react';
import { useStrings } from '../i18n';
import { type Answer, workspaceApi } from './api';
import { CommentBox } from './CommentBox';
import { ReviewPreviews } from './ReviewPreviews';
import { formatWhen, historyLine, linkState, offeredActions, shownState, threads } from './reviewModel';
import type { MemberPostView, Mentionable, Person, ReviewComment, ReviewLinkInfo } from './types';
import { useWorkspaceQuery } from './useWorkspace';

export interface ReviewPanelProps {
  readonly postId: string;
  readonly person: Person;
  /** Also show the post with each network's preview (the workspace's post page; the app's composer shows its own). */
  readonly showPost?: boolean;
}

const language = () => (typeof document !== 'undefined' && document.documentElement.lang) || 'en';

export function ReviewPanel({ postId, person, showPost = false }: ReviewPanelProps) {
  const t = useStrings().team;
  const id = useId();
  const mine = (c: { type: string; postId?: string }) => c.type === 'review.changed' && c.postId === postId;
  // How many approvals the post needs comes from the rules, which anyone with the right may change meanwhile.
  const mineOrRules = (c: { type: string; postId?: string }) => mine(c) || c.type === 'rules.changed';
  const view = useWorkspaceQuery(`post:${postId}`, () => workspaceApi.post(postId), mineOrRules);
  const comments = useWorkspaceQuery(`comments:${postId}`, () => workspaceApi.comments(postId), mine);
  const history = useWorkspaceQuery(`history:${postId}`, () => workspaceApi.history(postId), mine);
  const members = useWorkspaceQuery(
    'members',
    () => workspaceApi.members(),
    () => false,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs an action; on a refusal shows the server's sentence, on success reloads what it changed. */
  const act = async <T,>(run: () => Promise<Answer<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return null;
    }
    view.reload();
    comments.reload();
    history.reload();
    return r.value;
  };

  const v = view.data;
  if (!v)
    return (
      <section className="ws-panel" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="section-title">
          {t.panel.title}
        </h2>
        {view.error ? (
          <p className="callout callout--danger" role="alert">
            {view.error}
          </p>
        ) : (
          <p className="muted">{t.panel.loading}</p>
        )}
      </section>
    );

  return (
    <section className="ws-panel" aria-labelledby={`${id}-title`} data-testid="review-panel">
      <div className="ws-panel__head">
        <h2 id={`${id}-title`} className="section-title">
          {t.panel.title}
        </h2>
        <span className={`pill ws-state ws-state--${shownState(v.status)}`} data-testid="review-state">
          {t.states[shownState(v.status)]}
        </span>
        {v.status.approvalsNeeded > 0 ? (
          <span className="muted">{t.panel.approvals(v.status.approvals.length, Math.max(v.status.approvalsNeeded, 1))}</span>
        ) : null}
      </div>
      {v.status.approvals.length > 0 ? (
        <p className="muted">
          {t.panel.approvedBy(v.status.approvals.map((a) => (a.external ? `${a.name} (${t.panel.external})` : a.name)).join(', '))}
        </p>
      ) : null}
      {!v.status.publish.allowed && v.status.publish.reason ? <p className="callout callout--info">{v.status.publish.reason}</p> : null}
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      <Decisions view={v} person={person} busy={busy} act={act} />
      {showPost ? (
        <section aria-label={t.panel.networks}>
          <ReviewPreviews view={v} />
        </section>
      ) : null}
      <Comments view={v} person={person} comments={comments.data ?? []} people={members.data ?? []} busy={busy} act={act} />
      {v.may.links ? <Links postId={postId} busy={busy} act={act} /> : null}
      <section className="ws-history" aria-labelledby={`${id}-history`}>
        <h3 id={`${id}-history`} className="section-title">
          {t.history.title}
        </h3>
        {(history.data ?? []).length === 0 ? (
          <p className="muted">{t.history.none}</p>
        ) : (
          <ol className="ws-history__list" data-testid="review-history">
            {(history.data ?? []).map((h) => {
              const line = historyLine(h, t.history);
              return (
                <li key={h.id}>
                  <span>{line.what}</span>{' '}
                  <time className="muted" dateTime={h.at}>
                    {formatWhen(h.at, language())}
                  </time>
                  {line.quote ? <q className="ws-quote">{line.quote}</q> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </section>
  );
}

type Act = <T>(run: () => Promise<Answer<T>>) => Promise<T | null>;

function Decisions({ view, person, busy, act }: { view: MemberPostView; person: Person; busy: boolean; act: Act }) {
  const t = useStrings().team.panel;
  const id = useId();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const offered = offeredActions(view, person);
  if (!offered.submit && !offered.decide) return offered.ownPost ? <p className="muted">{t.ownPost}</p> : null;
  const done = (r: unknown) => {
    if (r) setNote('');
  };
  return (
    <form className="ws-decide" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {offered.submit ? t.submitNote : t.changesNote}
        </label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-missing` : undefined}
          onChange={(e) => {
            setNote(e.target.value);
            setMissing(false);
          }}
        />
        {missing ? (
          <p className="field__error" id={`${id}-missing`} role="alert">
            {t.changesNoteMissing}
          </p>
        ) : null}
      </div>
      <div className="button-group">
        {offered.submit ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void act(() => workspaceApi.submit(view.post.id, note.trim())).then(done)}
          >
            {t.submit}
          </button>
        ) : null}
        {offered.decide ? (
          <>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void act(() => workspaceApi.approve(view.post.id, note.trim())).then(done)}
            >
              {t.approve}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                if (note.trim() === '') {
                  setMissing(true);
                  return;
                }
                void act(() => workspaceApi.requestChanges(view.post.id, note.trim())).then(done);
              }}
            >
              {t.requestChanges}
            </button>
          </>
        ) : null}
      </div>
    </form>
  );
}

function Comments({
  view,
  person,
  comments,
  people,
  busy,
  act,
}: {
  view: MemberPostView;
  person: Person;
  comments: readonly ReviewComment[];
  people: readonly Mentionable[];
  busy: boolean;
  act: Act;
}) {
  const t = useStrings().team.comments;
  const id = useId();
  const [body, setBody] = useState('');
  const [part, setPart] = useState('');
  const partsCount = view.post.parts.length + 1;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await act(() => workspaceApi.addComment(view.post.id, { body, partIndex: part === '' ? null : Number(part) }));
    if (done) setBody('');
  };
  return (
    <section className="ws-comments" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        {t.title}
      </h3>
      {comments.length === 0 ? <p className="muted">{t.none}</p> : null}
      <ul className="ws-comments__list">
        {threads(comments).map((th) => (
          <li key={th.comment.id}>
            <CommentItem comment={th.comment} view={view} person={person} people={people} busy={busy} act={act} />
            {th.replies.length > 0 ? (
              <ul className="ws-comments__replies">
                {th.replies.map((r) => (
                  <li key={r.id}>
                    <CommentItem comment={r} view={view} person={person} people={people} busy={busy} act={act} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {view.may.comment ? (
        <form onSubmit={(e) => void submit(e)} className="ws-comment-form">
          {partsCount > 1 ? (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-part`}>
                {t.on}
              </label>
              <select id={`${id}-part`} value={part} onChange={(e) => setPart(e.target.value)}>
                <option value="">{t.wholePost}</option>
                {Array.from({ length: partsCount }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a part is its position in the thread.
                  <option key={i} value={String(i)}>
                    {t.part(i + 1)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <CommentBox label={t.add} hint={t.addHint} value={body} onChange={setBody} people={people} disabled={busy} />
          <button type="submit" className="button button--primary" disabled={busy || body.trim() === ''}>
            {t.send}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function CommentItem({
  comment: c,
  view,
  person,
  people,
  busy,
  act,
}: {
  comment: ReviewComment;
  view: MemberPostView;
  person: Person;
  people: readonly Mentionable[];
  busy: boolean;
  act: Act;
}) {
  const t = useStrings().team;
  const [mode, setMode] = useState<'view' | 'edit' | 'reply'>('view');
  const [text, setText] = useState('');
  if (c.deletedAt)
    return (
      <article className="ws-comment ws-comment--deleted">
        <p className="muted">{t.comments.deleted}</p>
      </article>
    );
  const own = c.authorId === person.id;
  const save = async () => {
    const r =
      mode === 'edit'
        ? await act(() => workspaceApi.editComment(c.id, text))
        : await act(() => workspaceApi.addComment(view.post.id, { body: text, replyTo: c.id, partIndex: c.partIndex }));
    if (r) setMode('view');
  };
  return (
    <article className={`ws-comment${c.resolvedAt ? ' ws-comment--resolved' : ''}`} id={`comment-${c.id}`} aria-label={c.authorName}>
      <header className="ws-comment__head">
        <strong>{c.authorName}</strong>
        {c.external ? <span className="pill">{t.panel.external}</span> : null}
        {c.partIndex !== null ? <span className="muted">{t.comments.part(c.partIndex + 1)}</span> : null}
        <time className="muted" dateTime={c.createdAt}>
          {formatWhen(c.createdAt, language())}
        </time>
        {c.editedAt ? <span className="muted">({t.comments.edited})</span> : null}
        {c.resolvedAt ? <span className="pill pill--ok">{t.comments.resolved}</span> : null}
      </header>
      {mode === 'edit' ? null : <p className="ws-comment__body">{c.body}</p>}
      {mode !== 'view' ? (
        <div className="ws-comment__edit">
          <CommentBox
            label={mode === 'edit' ? t.comments.edit : t.comments.replyTo(c.authorName)}
            value={text}
            onChange={setText}
            people={people}
            autoFocus
          />
          <div className="button-group">
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy || text.trim() === ''}
              onClick={() => void save()}
            >
              {mode === 'edit' ? t.comments.save : t.comments.send}
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              {t.comments.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-group ws-comment__actions">
          {view.may.comment ? (
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => {
                setText('');
                setMode('reply');
              }}
            >
              {t.comments.reply}
            </button>
          ) : null}
          {own ? (
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => {
                setText(c.body);
                setMode('edit');
              }}
            >
              {t.comments.edit}
            </button>
          ) : null}
          {view.may.resolve ? (
            <button
              type="button"
              className="button button--small button--ghost"
              disabled={busy}
              onClick={() => void act(() => workspaceApi.resolveComment(c.id, !c.resolvedAt))}
            >
              {c.resolvedAt ? t.comments.reopen : t.comments.resolve}
            </button>
          ) : null}
          {own || view.may.deleteAnyComment ? (
            <button
              type="button"
              className="button button--small button--danger-text"
              disabled={busy}
              onClick={() => void act(() => workspaceApi.deleteComment(c.id))}
            >
              {t.comments.delete}
            </button>
          ) : null}
        </div>
      )}
    </article>
  );
}

function Links({ postId, busy, act }: { postId: string; busy: boolean; act: Act }) {
  const t = useStrings().team.links;
  const id = useId();
  const links = useWorkspaceQuery(
    `links:${postId}`,
    () => workspaceApi.links(postId),
    (c) => c.type === 'review.changed' && c.postId === postId,
  );
  const [reviewer, setReviewer] = useState('');
  const [days, setDays] = useState('7');
  const [canApprove, setCanApprove] = useState(true);
  const [made, setMade] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await act(() =>
      workspaceApi.createLink(postId, {
        expiresInDays: Number(days),
        canApprove,
        ...(reviewer.trim() ? { reviewerName: reviewer.trim() } : {}),
      }),
    );
    if (r) {
      setMade(r.link);
      setCopied(false);
      links.reload();
    }
  };
  const now = Date.now();
  return (
    <section className="ws-links" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        {t.title}
      </h3>
      <p className="muted">{t.intro}</p>
      {(links.data ?? []).length === 0 ? <p className="muted">{t.none}</p> : null}
      <ul className="ws-links__list" data-testid="review-links">
        {(links.data ?? []).map((l: ReviewLinkInfo) => {
          const state = linkState(l, now);
          return (
            <li key={l.id} data-state={state}>
              <strong>{l.reviewerName ?? l.id}</strong> <span className="pill">{t.state[state]}</span>{' '}
              <span className="muted">{t.expires(formatWhen(l.expiresAt, language()))}</span>
              {l.uses.length > 0 ? (
                <ul className="ws-links__uses">
                  {l.uses.map((u, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: uses are in order and never change.
                    <li key={i} className="muted">
                      {t.use(t.uses[u.action] ?? u.action, formatWhen(u.at, language()))}
                    </li>
                  ))}
                </ul>
              ) : null}
              {state !== 'revoked' ? (
                <button
                  type="button"
                  className="button button--small button--danger-text"
                  disabled={busy}
                  onClick={() => void act(() => workspaceApi.revokeLink(l.id)).then(() => links.reload())}
                >
                  {t.revoke}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {made ? (
        <div className="callout callout--info" role="status">
          <p>{t.created}</p>
          <div className="ws-links__made">
            <input
              type="text"
              readOnly
              value={made}
              aria-label={t.title}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="new-review-link"
            />
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                void navigator.clipboard?.writeText(made).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t.copied : t.copy}
            </button>
          </div>
        </div>
      ) : null}
      <form className="ws-links__form" onSubmit={(e) => void create(e)}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-who`}>
            {t.reviewer}
          </label>
          <input type="text" id={`${id}-who`} value={reviewer} maxLength={100} onChange={(e) => setReviewer(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-days`}>
            {t.days}
          </label>
          <input id={`${id}-days`} type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={canApprove} onChange={(e) => setCanApprove(e.target.checked)} /> {t.canApprove}
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t.create}
        </button>
      </form>
    </section>
  );
}
