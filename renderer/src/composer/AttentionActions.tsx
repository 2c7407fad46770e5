// The way out for a post that needs a person: failed, missed, held or unconfirmed, each with the actions that settle it.

import { useState } from 'react';
import type { DecisionInput } from '../../../shared/contract/engine';
import type { PostView } from '../../../shared/domain';
import { invoke } from '../api/client';
import { useStrings, wordProblem } from '../i18n';
import { useNotify } from '../state/toasts';
import { isLocked, messageFor } from './composerModel';

const NEEDS_DECISION = new Set(['failed', 'missed', 'held', 'unconfirmed']);

export function needsDecision(post: Pick<PostView, 'status'>): boolean {
  return NEEDS_DECISION.has(post.status);
}

export interface AttentionActionsProps {
  readonly post: PostView;
  /** Offers "Move to…" when the post can be moved. */
  readonly onMove?: () => void;
  readonly onEdit?: () => void;
}

export function AttentionActions({ post, onMove, onEdit }: AttentionActionsProps) {
  const t = useStrings();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmRepost, setConfirmRepost] = useState(false);
  if (!needsDecision(post)) return null;

  async function decide(decision: DecisionInput, done: string) {
    setBusy(true);
    setError(null);
    const result = await invoke('engine.decide', { postId: post.id, decision });
    setBusy(false);
    if (!result.ok) {
      setError(messageFor(result.error));
      return;
    }
    notify({ message: done, tone: 'success', note: wordProblem(result.value.timeNoteProblem, result.value.timeNote, t) });
  }

  const unconfirmed = post.status === 'unconfirmed';
  return (
    <fieldset className="attention">
      <legend className="sr-only">{t.attention.label}</legend>
      <p className="attention__help">{t.statusHelp[post.status]}</p>
      <div className="attention__actions">
        {unconfirmed ? (
          <>
            <button
              type="button"
              className="button button--small button--primary"
              disabled={busy}
              onClick={() => void decide({ kind: 'mark-published' }, t.attention.markedPublished)}
            >
              {t.attention.itWentOut}
            </button>
            {confirmRepost ? (
              <button
                type="button"
                className="button button--small button--danger"
                disabled={busy}
                onClick={() => void decide({ kind: 'publish-now' }, t.attention.sending)}
              >
                {t.attention.confirmRepost}
              </button>
            ) : (
              <button type="button" className="button button--small" disabled={busy} onClick={() => setConfirmRepost(true)}>
                {t.attention.postAgain}
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            className="button button--small button--primary"
            disabled={busy}
            onClick={() => void decide({ kind: 'publish-now' }, t.attention.sending)}
          >
            {post.status === 'failed' ? t.attention.tryAgainNow : t.attention.sendNow}
          </button>
        )}
        {!unconfirmed && onMove && !isLocked(post) ? (
          <button type="button" className="button button--small" disabled={busy} onClick={onMove}>
            {t.peek.moveTo}
          </button>
        ) : null}
        {onEdit && !isLocked(post) ? (
          <button type="button" className="button button--small" disabled={busy} onClick={onEdit}>
            {t.peek.edit}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small button--ghost button--danger-text"
          disabled={busy}
          onClick={() => void decide({ kind: 'discard' }, t.attention.discarded)}
        >
          {t.attention.discard}
        </button>
      </div>
      {unconfirmed && confirmRepost ? <p className="muted">{t.attention.repostWarning}</p> : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
