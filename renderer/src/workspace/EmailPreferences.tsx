// One's own choice of which notifications also come by email: everything, only what needs one, or nothing. Saved as
// soon as it changes; when the workspace has no mail server, it says that emails are off for everyone.

import { useEffect, useId, useState } from 'react';
import { useStrings } from '../i18n';
import { workspaceApi } from './api';
import type { EmailPreference, EmailSettings } from './types';

const CHOICES: readonly EmailPreference[] = ['all', 'needs_me', 'none'];

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'error'; readonly message: string };

export function EmailPreferences({ email }: { readonly email: string }) {
  const t = useStrings().team.emailPrefs;
  const id = useId();
  const [settings, setSettings] = useState<EmailSettings | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    void workspaceApi.emailSettings().then((r) => {
      if (!live) return;
      if (r.ok) setSettings(r.value);
      else setStatus({ kind: 'error', message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, []);

  const choose = async (preference: EmailPreference) => {
    if (!settings) return;
    const before = settings;
    // Shown at once; put back when the server refuses, so the page never shows a choice that was not saved.
    setSettings({ ...settings, preference });
    setStatus({ kind: 'saving' });
    const r = await workspaceApi.setEmailPreference(preference);
    if (r.ok) {
      setSettings(r.value);
      setStatus({ kind: 'saved' });
    } else {
      setSettings(before);
      setStatus({ kind: 'error', message: r.error.message });
    }
  };

  return (
    <section className="ws-panel ws-email-prefs" aria-labelledby={`${id}-title`} data-testid="email-preferences">
      <h2 id={`${id}-title`} className="section-title">
        {t.title}
      </h2>
      <p className="muted">{t.intro(email)}</p>
      {settings && !settings.emailConfigured ? (
        <p className="callout callout--info" data-testid="email-off">
          {t.off}
        </p>
      ) : null}
      {settings ? (
        <fieldset disabled={status.kind === 'saving'}>
          <legend className="field__label">{t.legend}</legend>
          {CHOICES.map((c) => (
            <label key={c} className="ws-email-prefs__choice">
              <input
                type="radio"
                name={`${id}-choice`}
                value={c}
                checked={settings.preference === c}
                aria-describedby={`${id}-${c}-hint`}
                onChange={() => void choose(c)}
              />
              <span>
                <strong>{t.choices[c]}</strong>
                <span className="muted" id={`${id}-${c}-hint`}>
                  {t.hints[c]}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : status.kind === 'idle' ? (
        <p className="muted">{t.loading}</p>
      ) : null}
      <p
        className={`ws-email-prefs__status ${status.kind === 'error' ? 'callout callout--danger' : 'muted'}`}
        role="status"
        aria-live="polite"
        data-testid="email-preferences-status"
      >
        {status.kind === 'saving' ? t.saving : status.kind === 'saved' ? t.saved : status.kind === 'error' ? status.message : ''}
      </p>
    </section>
  );
}
