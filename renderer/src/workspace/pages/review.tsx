// /review#token=…: the public review page for someone without an account. It reads the post through the link (each
// use is logged by the server), shows it as each network will, and lets them comment, approve or ask for changes
// under the name they type. The token never leaves the fragment except in the body of these requests.

import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Field } from '../../components/Field';
import { useStrings } from '../../i18n';
import { type Answer, workspaceApi } from '../api';
import { ReviewPreviews } from '../ReviewPreviews';
import { formatWhen, fragmentValue } from '../reviewModel';
import type { PublicReviewView } from '../types';
import { mountPage, PageShell } from './PageShell';

function ReviewPage() {
  const t = useStrings().team;
  const token = fragmentValue(window.location.hash, 'token');
  const [view, setView] = useState<PublicReviewView | null>(null);
  const [error, setError] = useState<string | null>(token ? null : t.review.missing);
  const [thanks, setThanks] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const lang = document.documentElement.lang || 'en';

  const load = useCallback(async () => {
    if (!token) return;
    const r = await workspaceApi.openLink(token);
    if (r.ok) {
      setView(r.value);
      if (r.value.link.reviewerName) setName((n) => n || (r.value.link.reviewerName as string));
    } else setError(r.error.message);
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async <T,>(run: () => Promise<Answer<T>>, done: string): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setThanks(null);
    const r = await run();
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return null;
    }
    setThanks(done);
    return r.value;
  };
  const sendComment = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    const added = await act(() => workspaceApi.linkComment(token, name, comment), t.review.thanksComment);
    if (added) {
      setComment('');
      // Shown at once without opening the link again (every opening is a logged use).
      setView((v) => (v ? { ...v, comments: [...v.comments, added] } : v));
    }
  };

  return (
    <PageShell title={t.review.title} wide>
      <p className="muted">{t.review.intro}</p>
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      {thanks ? (
        <p className="callout callout--info" role="status">
          {thanks}
        </p>
      ) : null}
      {view ? (
        <div className="ws-columns">
          <section aria-label={t.panel.networks}>
            <p>
              <span className={`pill ws-state ws-state--${view.post.approvalState}`}>{t.states[view.post.approvalState]}</span>{' '}
              {view.post.scheduledAt ? <span className="muted">{formatWhen(view.post.scheduledAt, lang, view.post.timeZone)}</span> : null}
            </p>
            <ReviewPreviews view={view} />
            <section className="ws-comments" aria-label={t.comments.title}>
              <h2 className="section-title">{t.comments.title}</h2>
              {view.comments.length === 0 ? <p className="muted">{t.comments.none}</p> : null}
              <ul className="ws-comments__list">
                {view.comments.map((c) => (
                  <li key={c.id}>
                    <article className={`ws-comment${c.resolvedAt ? ' ws-comment--resolved' : ''}`}>
                      <header className="ws-comment__head">
                        <strong>{c.authorName}</strong>
                        {c.external ? <span className="pill">{t.panel.external}</span> : null}
                        <time className="muted" dateTime={c.createdAt}>
                          {formatWhen(c.createdAt, lang)}
                        </time>
                      </header>
                      <p className="ws-comment__body">{c.body}</p>
                    </article>
                  </li>
                ))}
              </ul>
            </section>
          </section>
          <section className="ws-panel" aria-label={t.panel.title}>
            <p className="muted">{t.review.expires(formatWhen(view.link.expiresAt, lang))}</p>
            <Field label={t.review.yourName} hint={t.review.yourNameHint}>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="name" />
            </Field>
            <form onSubmit={(e) => void sendComment(e)}>
              <Field label={t.review.comment}>
                <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
              </Field>
              <button type="submit" className="button" disabled={busy || comment.trim() === ''}>
                {t.review.send}
              </button>
            </form>
            {view.link.canApprove ? (
              <form className="ws-decide" onSubmit={(e) => e.preventDefault()}>
                <Field label={t.review.note}>
                  <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                </Field>
                <div className="button-group">
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={busy}
                    onClick={() =>
                      token && void act(() => workspaceApi.linkApprove(token, name, note.trim() || undefined), t.review.thanksApproved)
                    }
                  >
                    {t.review.approve}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy || note.trim() === ''}
                    onClick={() =>
                      token && void act(() => workspaceApi.linkRequestChanges(token, name, note.trim()), t.review.thanksChanges)
                    }
                  >
                    {t.review.requestChanges}
                  </button>
                </div>
              </form>
            ) : (
              <p className="muted">{t.review.readOnly}</p>
            )}
          </section>
        </div>
      ) : null}
    </PageShell>
  );
}

mountPage(<ReviewPage />);
