// The composer's buttons: Save draft, Add to queue, Post now and Schedule, plus cancel, delete and what autosave is doing.

import type { PostView } from '../../../shared/domain';
import { useStrings } from '../i18n';
import { canCancel, canDelete, type SaveAction } from './composerModel';
import type { AutosaveState } from './useComposerSession';

export interface ComposerFooterProps {
  readonly post: PostView | null;
  readonly locked: boolean;
  readonly busy: SaveAction | 'cancel' | 'delete' | null;
  readonly disabled: boolean;
  readonly confirming: 'cancel' | 'delete' | 'discard' | null;
  /** Null when this post does not autosave (a scheduled post waits for Save). */
  readonly autosave: AutosaveState | null;
  readonly onConfirm: (what: 'cancel' | 'delete' | 'discard' | null) => void;
  readonly onSave: (action: SaveAction) => void;
  readonly onCancelPost: () => void;
  readonly onDelete: () => void;
  readonly onDiscard: () => void;
  readonly onClose: () => void;
}

export function ComposerFooter(p: ComposerFooterProps) {
  const t = useStrings();
  const label = (action: SaveAction, text: string) => (p.busy === action ? t.composer.saving : text);
  const anyBusy = p.busy !== null;
  return (
    <div className="dialog__footer">
      <div className="dialog__footer-start">
        {p.confirming === null && !p.locked && p.post && canCancel(p.post) ? (
          <button type="button" className="button button--ghost" onClick={() => p.onConfirm('cancel')} disabled={anyBusy}>
            {t.composer.cancelPost}
          </button>
        ) : null}
        {p.confirming === null && !p.locked && p.post && canDelete(p.post) ? (
          <button
            type="button"
            className="button button--ghost button--danger-text"
            onClick={() => p.onConfirm('delete')}
            disabled={anyBusy}
          >
            {t.composer.deletePost}
          </button>
        ) : null}
        {p.confirming === 'cancel' || p.confirming === 'delete' ? (
          <>
            <button
              type="button"
              className="button button--danger"
              onClick={p.confirming === 'cancel' ? p.onCancelPost : p.onDelete}
              disabled={anyBusy}
            >
              {p.confirming === 'cancel' ? t.composer.confirmCancel : t.composer.confirmDelete}
            </button>
            <button type="button" className="button button--ghost" onClick={() => p.onConfirm(null)} disabled={anyBusy}>
              {t.composer.keep}
            </button>
          </>
        ) : null}
        {p.confirming === 'discard' ? (
          <p className="confirm" role="alert">
            <span className="confirm__text">{t.composer.unsavedChanges}</span>
            <button type="button" className="button button--danger button--small" onClick={p.onDiscard}>
              {t.composer.discardChanges}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => p.onConfirm(null)}>
              {t.composer.keepEditing}
            </button>
          </p>
        ) : null}
        {p.autosave && p.confirming === null ? <AutosaveNote state={p.autosave} /> : null}
      </div>
      {p.locked ? (
        <button type="button" className="button" onClick={p.onClose}>
          {t.actions.close}
        </button>
      ) : (
        <div className="dialog__footer-end">
          <button type="button" className="button" onClick={() => p.onSave('draft')} disabled={p.disabled} aria-keyshortcuts="Control+S">
            {label('draft', t.composer.saveDraft)}
          </button>
          <button type="button" className="button" onClick={() => p.onSave('queue')} disabled={p.disabled}>
            {label('queue', t.composer.addToQueue)}
          </button>
          <button type="button" className="button" onClick={() => p.onSave('now')} disabled={p.disabled}>
            {label('now', t.composer.postNow)}
          </button>
          <button type="submit" className="button button--primary" disabled={p.disabled} aria-keyshortcuts="Control+Enter">
            {label('schedule', t.composer.schedule)}
          </button>
        </div>
      )}
    </div>
  );
}

function AutosaveNote({ state }: { readonly state: AutosaveState }) {
  const t = useStrings();
  const text =
    state.kind === 'pending' || state.kind === 'saving'
      ? t.composer.autosaving
      : state.kind === 'saved'
        ? t.composer.autosaved
        : state.kind === 'failed'
          ? t.composer.autosaveFailed(state.message)
          : state.kind === 'kept'
            ? state.message
            : '';
  if (!text) return null;
  return (
    <span className={`autosave${state.kind === 'failed' ? ' autosave--failed' : ''}`} role="status" data-autosave={state.kind}>
      {text}
    </span>
  );
}
