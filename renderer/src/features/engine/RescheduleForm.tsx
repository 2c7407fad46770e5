// A new date and time for a post that waits for a decision, in the app's zone; the backend resolves DST and says so.

import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { useStrings } from '../../i18n';
import { checkWall, suggestedWall } from './engineModel';

export interface RescheduleFormProps {
  readonly excerpt: string;
  readonly timeZone: string;
  readonly busy: boolean;
  readonly onSubmit: (wall: { readonly date: string; readonly time: string; readonly timeZone: string }) => void;
  readonly onCancel: () => void;
}

export function RescheduleForm({ excerpt, timeZone, busy, onSubmit, onCancel }: RescheduleFormProps) {
  const t = useStrings();
  const [start] = useState(() => suggestedWall(Date.now(), timeZone, 60));
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkWall(date, time, timeZone, Date.now());
    if (!checked.ok) {
      setProblem(checked.problem === 'past' ? t.engine.reschedule.past : t.engine.reschedule.missing);
      return;
    }
    setProblem(null);
    onSubmit(checked.wall);
  }

  return (
    <form className="engine-reschedule" onSubmit={submit} noValidate>
      <fieldset>
        <legend className="engine-reschedule__legend">{t.engine.reschedule.legend(excerpt)}</legend>
        <div className="engine-reschedule__fields">
          <Field label={t.engine.reschedule.date} error={problem}>
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </Field>
          <Field label={t.engine.reschedule.time}>
            <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
          </Field>
        </div>
        <p className="muted">{t.engine.pauseDialog.zoneNote(timeZone)}</p>
        <div className="button-group">
          <button type="submit" className="button button--small button--primary" disabled={busy}>
            {t.engine.reschedule.save}
          </button>
          <button type="button" className="button button--small button--ghost" onClick={onCancel} disabled={busy}>
            {t.actions.cancel}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
