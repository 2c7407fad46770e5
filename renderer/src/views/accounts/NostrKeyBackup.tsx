// "Show secret key" on a Nostr account whose key Kairos holds: a warning first, then the nsec with a copy button.

import { useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';

type Stage = { readonly kind: 'closed' } | { readonly kind: 'confirming' } | { readonly kind: 'shown'; readonly nsec: string };

export function NostrKeyBackup({ account }: { readonly account: AccountWithRule }) {
  const t = useStrings();
  const notify = useNotify();
  // The key lives only in this component's state: hiding it, or leaving the view, forgets it.
  const [stage, setStage] = useState<Stage>({ kind: 'closed' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reveal() {
    setBusy(true);
    setError(null);
    const result = await invoke('nostr.exportKey', { id: account.id, confirm: true });
    setBusy(false);
    if (!result.ok) {
      setError(messageFor(result.error));
      return;
    }
    setStage({ kind: 'shown', nsec: result.value.nsec });
  }

  async function copy(nsec: string) {
    try {
      await navigator.clipboard.writeText(nsec);
      notify({ message: t.nostr.keyCopied, tone: 'success' });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (stage.kind === 'closed') {
    return (
      <p className="account__key">
        <button type="button" className="button button--ghost button--small" onClick={() => setStage({ kind: 'confirming' })}>
          {t.nostr.showKey}
        </button>
      </p>
    );
  }
  return (
    <section className="callout callout--danger account__key" aria-label={t.nostr.showKey}>
      {stage.kind === 'confirming' ? (
        <>
          <p>
            <strong>{t.nostr.showKeyTitle}</strong> {t.nostr.showKeyWarning}
          </p>
          <div className="form-actions">
            <button type="button" className="button button--danger button--small" onClick={() => void reveal()} disabled={busy}>
              {t.nostr.showKeyConfirm}
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setStage({ kind: 'closed' })}
              disabled={busy}
            >
              {t.nostr.keyCancel}
            </button>
          </div>
        </>
      ) : (
        <>
          <label className="field">
            <span className="field__label">{t.nostr.keyLabel}</span>
            <input type="text" readOnly value={stage.nsec} spellCheck={false} autoComplete="off" onFocus={(e) => e.target.select()} />
          </label>
          <div className="form-actions">
            <button type="button" className="button button--small" onClick={() => void copy(stage.nsec)}>
              {t.nostr.copyKey}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setStage({ kind: 'closed' })}>
              {t.nostr.hideKey}
            </button>
          </div>
        </>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
