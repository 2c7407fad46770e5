// "Schedule…" on a draft card: a date, time and zone, with what DST does to that time said before scheduling it.

import { type FormEvent, useState } from 'react';
import type { PostView } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { WhenFields } from '../../components/WhenFields';
import { excerpt } from '../../composer/composerModel';
import { describeWall } from '../../composer/whenModel';
import { useStrings } from '../../i18n';
import { useMoves } from '../../state/moves';
import { suggestedTime, todayIn } from '../calendar/calendarModel';

export interface ScheduleDraftDialogProps {
  readonly post: PostView;
  /** The zone the date and time start in (the app's). */
  readonly zone: string;
  readonly onOpen: (postId: string) => void;
  readonly onClose: () => void;
}

export function ScheduleDraftDialog({ post, zone, onOpen, onClose }: ScheduleDraftDialogProps) {
  const t = useStrings();
  const b = t.draftsBoard;
  const moves = useMoves();
  const today = todayIn(zone, Date.now());
  const [date, setDate] = useState(today);
  const [time, setTime] = useState(() => suggestedTime(today, zone, Date.now()));
  const [timeZone, setTimeZone] = useState(zone);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const described = describeWall(date, time, timeZone, Date.now());
  const hasAccounts = post.targets.length > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (described.instant === null) {
      setError(described.note ?? t.when.invalid);
      return;
    }
    if (described.instant < Date.now()) {
      setError(t.moves.past);
      return;
    }
    setBusy(true);
    const ok = await moves.movePost(post, { kind: 'at', at: described.instant }, { zone: timeZone.trim(), note: described.note });
    setBusy(false);
    if (ok) onClose();
  }

  return (
    <Dialog title={b.scheduleTitle} subtitle={excerpt(post.text, 80) || t.drafts.untitled} onClose={onClose}>
      {hasAccounts ? (
        <form className="move-form" onSubmit={(e) => void submit(e)} noValidate>
          <WhenFields
            date={date}
            time={time}
            timeZone={timeZone}
            onDate={setDate}
            onTime={setTime}
            onTimeZone={setTimeZone}
            error={error}
          />
          {described.note && described.state !== 'invalid' ? (
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
                {b.scheduleAction}
              </button>
            </div>
          </div>
        </form>
      ) : (
        <>
          <p className="callout callout--info">{b.needsAccounts}</p>
          <div className="dialog__footer">
            <div className="dialog__footer-end">
              <button type="button" className="button" onClick={onClose}>
                {t.actions.cancel}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  onClose();
                  onOpen(post.id);
                }}
              >
                {b.openInComposer}
              </button>
            </div>
          </div>
        </>
      )}
    </Dialog>
  );
}
