// Settings → Workspace (desktop app only): sign in to the team's workspace, see how the link stands, sign out.

import { type FormEvent, useState } from 'react';
import { invoke, runningShell } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings, wordProblem } from '../../i18n';
import { useWorkspaceStatus } from './useWorkspaceStatus';
import { type ConnectErrors, checkConnectForm, fieldOf } from './workspaceModel';

export function WorkspaceSection() {
  if (runningShell() !== 'electron') return null;
  return <WorkspacePanel />;
}

function WorkspacePanel() {
  const t = useStrings();
  const w = t.workspace;
  const { status } = useWorkspaceStatus();
  const [form, setForm] = useState({ url: '', email: '', password: '' });
  const [errors, setErrors] = useState<ConnectErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'connecting' | 'disconnecting' | null>(null);

  const url = form.url || status.url || '';
  const email = form.email || status.user?.email || '';

  async function connect(e: FormEvent) {
    e.preventDefault();
    const asked = { url, email, password: form.password };
    const found = checkConnectForm(asked, w);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy('connecting');
    const r = await invoke('workspace.connect', asked);
    setBusy(null);
    if (r.ok) {
      setForm({ url: '', email: '', password: '' });
      return;
    }
    const field = fieldOf(r.error);
    if (field) setErrors({ [field]: messageFor(r.error) });
    else setFailure(messageFor(r.error));
  }

  async function disconnect() {
    if (status.pending > 0 && !window.confirm(w.confirmDisconnect(status.pending))) return;
    setBusy('disconnecting');
    const r = await invoke('workspace.disconnect', {});
    setBusy(null);
    if (!r.ok) setFailure(messageFor(r.error));
  }

  const connected = status.state === 'connected';
  return (
    <section className="panel" aria-labelledby="settings-workspace">
      <h2 className="section-title" id="settings-workspace">
        {w.title}
      </h2>
      {status.state === 'none' ? <p className="panel__intro">{w.intro}</p> : null}
      {status.state !== 'none' ? (
        <>
          <p>
            {connected && status.user
              ? w.signedInAs(status.user.displayName, status.user.email, status.user.role)
              : w.signedOutAs(status.user?.email ?? email)}
          </p>
          <dl className="facts">
            <dt>{w.address}</dt>
            <dd>
              <code>{status.url}</code>
            </dd>
            <dt>{w.connection}</dt>
            <dd>{status.online ? w.online : w.offline}</dd>
            <dt>{w.waitingLabel}</dt>
            <dd>{w.waiting(status.pending)}</dd>
          </dl>
          {status.notes.length > 0 ? (
            <>
              <h3 className="field__label">{w.notesTitle}</h3>
              <ul className="workspace-notes">
                {status.notes.map((n) => (
                  <li key={n.id}>{wordProblem(n.problem, n.message, t)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {!connected ? (
        <form onSubmit={(e) => void connect(e)} noValidate>
          <Field label={w.url} hint={w.urlHint} error={errors.url ?? null}>
            <input
              type="url"
              value={url}
              onChange={(e) => setForm((f) => ({ ...f, url: e.target.value }))}
              autoComplete="url"
              spellCheck={false}
              disabled={busy !== null}
            />
          </Field>
          <Field label={w.email} error={errors.email ?? null}>
            <input
              type="email"
              value={email}
              onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
              autoComplete="username"
              disabled={busy !== null}
            />
          </Field>
          <Field label={w.password} error={errors.password ?? null}>
            <input
              type="password"
              value={form.password}
              onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
              autoComplete="current-password"
              disabled={busy !== null}
            />
          </Field>
          {failure ? (
            <p className="field__error" role="alert">
              {failure}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy !== null}>
              {busy === 'connecting' ? w.connecting : w.connect}
            </button>
          </div>
        </form>
      ) : null}
      {status.state !== 'none' ? (
        <div className="form-actions">
          {connected && failure ? (
            <p className="field__error" role="alert">
              {failure}
            </p>
          ) : null}
          <button type="button" className="button" onClick={() => void disconnect()} disabled={busy !== null}>
            {busy === 'disconnecting' ? w.disconnecting : w.disconnect}
          </button>
        </div>
      ) : null}
    </section>
  );
}
