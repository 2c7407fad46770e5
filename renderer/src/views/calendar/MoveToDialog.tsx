// "Move to…": a date, time and zone for the selected post, with what DST does to that time said before moving it.

import { type FormEvent, useState } from 'react';
import type { PostSummary } from '../../../../shared/domain';
import { wallTimeOf } from '../../../../shared/time/wallTime';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { WhenFields } from '../../components/WhenFields';
import { excerpt } from '../../composer/composerModel';
import { describeWall } from '../../composer/whenModel';
import { useStrings } from '../../i18n';
import { useMoves } from '../../state/moves';
import { instantOfWall, suggestedTime, todayIn } from './calendarModel';

export function MoveToDialog({ post, zone, onClose }: { readonly post: PostSummary; readonly zone: string; readonly onClose: () => void }) {
  const t = useStrings();
  const moves = useMoves();
  const start = post.scheduledAt === null ? null : wallTimeOf(post.scheduledAt, zone);
  const [date, setDate] = useState(start?.date ?? todayIn(zone, Date.now()));
  const [time, setTime] = useState(start?.time ?? suggestedTime(todayIn(zone, Date.now()), zone, Date.now()));
  const [timeZone, setTimeZone] = useState(zone);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const described = describeWall(date, time, timeZone, Date.now());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const resolved = instantOfWall(date, time, timeZone.trim());
    if (!resolved) {
      setError(t.when.invalid);
      return;
    }
    if (resolved.instant < Date.now()) {
      setError(t.moves.past);
      return;
    }
    setBusy(true);
    const ok = await moves.movePost(post, { kind: 'at', at: resolved.instant }, { zone, note: described.note });
    setBusy(false);
    if (ok) onClose();
  }

  return (
    <Dialog title={t.moveTo.title} subtitle={excerpt(post.excerpt, 80) || t.drafts.untitled} onClose={onClose}>
      <form className="move-form" onSubmit={(e) => void submit(e)} noValidate>
        <WhenFields date={date} time={time} timeZone={timeZone} onDate={setDate} onTime={setTime} onTimeZone={setTimeZone} error={error} />
        {described.note ? (
          <p className="callout callout--info" role="status">
            {described.note}
          </p>
        ) : null}
        <div className="dialog__footer">
          <div className="dialog__footer-end">
            <button type="button" className="button" onClick={onClose}>
              {t.actions.cancel}
            </button>
            <button type="submit" className="button button--primary" disabled={busy}>
              {t.moveTo.move}
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}

export function GoToDateDialog({
  initial,
  onGo,
  onClose,
}: {
  readonly initial: string;
  readonly onGo: (date: string) => void;
  readonly onClose: () => void;
}) {
  const t = useStrings();
  const [date, setDate] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={t.calendar.goToDateTitle} onClose={onClose}>
      <form
        className="move-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
            setError(t.calendar.goToDateInvalid);
            return;
          }
          onGo(date);
        }}
      >
        <Field label={t.composer.date} error={error}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} autoFocus />
        </Field>
        <div className="dialog__footer">
          <div className="dialog__footer-end">
            <button type="button" className="button" onClick={onClose}>
              {t.actions.cancel}
            </button>
            <button type="submit" className="button button--primary">
              {t.calendar.go}
            </button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
