// "Pause all publishing" (or one account): asks for the reason everyone will see and an optional time to resume by itself.

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { invoke } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { checkPause, suggestedWall } from './engineModel';

export interface PauseDialogProps {
  /** null pauses all publishing; an id pauses only that account. */
  readonly accountId: string | null;
  readonly onClose: () => void;
}

export function PauseDialog({ accountId, onClose }: PauseDialogProps) {
  const t = useStrings();
  const p = t.engine.pauseDialog;
  const app = useAppData();
  const notify = useNotify();
  const account = accountId ? app.accountsById.get(accountId) : undefined;
  const [start] = useState(() => suggestedWall(Date.now(), app.timeZone, 60));
  const [reason, setReason] = useState('');
  const [autoResume, setAutoResume] = useState(false);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [errors, setErrors] = useState<{ readonly reason?: string; readonly resume?: string; readonly form?: string }>({});
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const autoId = useId();

  // The dialog exists to take this one answer; starting there saves a step in a crisis. (After the dialog opened,
  // which focuses its first button.)
  useEffect(() => reasonRef.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkPause({ reason, autoResume, date, time, timeZone: app.timeZone }, Date.now());
    if (!checked.ok) {
      setErrors({ [checked.field]: p[checked.problem] });
      (checked.field === 'reason' ? reasonRef : dateRef).current?.focus();
      return;
    }
    setBusy(true);
    const payload = { reason: checked.reason, ...(checked.resumeAt ? { resumeAt: checked.resumeAt } : {}) };
    const result = accountId ? await invoke('engine.pauseAccount', { ...payload, accountId }) : await invoke('engine.pause', payload);
    setBusy(false);
    if (!result.ok) {
      const field = result.error.field === 'reason' ? 'reason' : result.error.field === 'resumeAt' ? 'resume' : 'form';
      setErrors({ [field]: messageFor(result.error) });
      return;
    }
    const extra = [
      result.value.pulledBack > 0 ? p.pulledBack(result.value.pulledBack) : null,
      ...result.value.problemList.map((x, i) => wordProblem(x, result.value.problems[i] ?? null, t)),
      wordProblem(result.value.timeNoteProblem, result.value.timeNote, t),
    ].filter((s): s is string => s !== null);
    notify({
      message: account ? p.pausedAccount(account.name) : p.paused,
      tone: 'warning',
      note: extra.length ? extra.join(' ') : null,
    });
    onClose();
  }

  return (
    <Dialog title={account ? p.titleAccount(account.name) : p.title} onClose={onClose} className="engine-dialog">
      <form className="engine-pause" onSubmit={(e) => void submit(e)} noValidate>
        <p>{p.intro}</p>
        <Field label={p.reason} hint={p.reasonHint} error={errors.reason ?? null}>
          <textarea
            ref={reasonRef}
            className="input"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
          />
        </Field>
        <div className="engine-pause__auto">
          <input id={autoId} type="checkbox" checked={autoResume} onChange={(e) => setAutoResume(e.target.checked)} />
          <label htmlFor={autoId}>{p.autoResume}</label>
        </div>
        {autoResume ? (
          <div className="engine-pause__when">
            <Field label={p.resumeDate} error={errors.resume ?? null}>
              <input ref={dateRef} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </Field>
            <Field label={p.resumeTime}>
              <input type="time" value={time} onChange={(e) => setTime(e.target.value)} />
            </Field>
            <p className="muted engine-pause__zone">{p.zoneNote(app.timeZone)}</p>
          </div>
        ) : null}
        {errors.form ? (
          <p className="callout callout--danger" role="alert">
            {errors.form}
          </p>
        ) : null}
        <div className="dialog__footer">
          <div className="dialog__footer-end">
            <button type="button" className="button" onClick={onClose}>
              {t.actions.cancel}
            </button>
            <button type="submit" className="button button--danger" disabled={busy}>
              {account ? p.confirmAccount : p.confirm}
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
