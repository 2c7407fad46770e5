// A new date and time for a post that waits for a decision, in the app's zone; the backend resolves DST and says so.

import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { formatWall } from '../../format/dates';
import { useStrings } from '../../i18n';
import { checkWall, type ReviewGroup, suggestedWall } from './engineModel';
import type { Decider } from './useDecide';

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

/** The form for one review row's post; it decides through the row's own decider, so busy and error stay on that row. */
export function RescheduleGroupForm({
  group,
  timeZone,
  decider,
  onClose,
}: {
  readonly group: ReviewGroup;
  readonly timeZone: string;
  readonly decider: Pick<Decider, 'busy' | 'decide'>;
  /** Called on cancel and after every target took the new time; a failed decision keeps the form open. */
  readonly onClose: () => void;
}) {
  const t = useStrings();
  return (
    <RescheduleForm
      excerpt={group.excerpt}
      timeZone={timeZone}
      busy={decider.busy}
      onCancel={onClose}
      onSubmit={(wall) =>
        void decider
          .decide(group, { kind: 'reschedule', when: { kind: 'at', wall } }, t.engine.item.rescheduled(formatWall(wall.date, wall.time)))
          .then((ok) => {
            if (ok) onClose();
          })
      }
    />
  );
}
