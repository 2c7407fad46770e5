// Unscheduled drafts in the sidebar: open one to finish it, or drag it onto the calendar to schedule it there.

import type { PointerEvent } from 'react';
import type { PostView } from '../../../../shared/domain';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { AccountMarks } from '../../components/Swatches';
import { excerpt } from '../../composer/composerModel';
import { formatDayShort, formatMinutes } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useCalendarState } from '../../state/calendarState';
import { useComposer } from '../../state/composer';
import { useMoves } from '../../state/moves';
import { hrefOf } from '../../state/route';
import { useUndo } from '../../state/undo';
import { instantOfWall, minutesOfTime, suggestedTime, timeOfMinutes } from './calendarModel';
import { beginPointerDrag, type DropSpot } from './dragToMove';

const SHOWN = 30;

export function DraftsTray() {
  const t = useStrings();
  const app = useAppData();
  const cal = useCalendarState();
  const composer = useComposer();
  const moves = useMoves();
  const undo = useUndo();
  const drafts = useLiveQuery(
    'tray-drafts',
    () => invoke('posts.list', { unscheduled: true, limit: 200 }),
    (e) => e.type === 'posts.changed',
  );
  const list = [...(drafts.data ?? [])]
    .filter((p) => p.status === 'draft' && !undo.pendingDeletes.has(p.id) && !moves.moved.get(p.id)?.scheduledAt)
    .sort((a, b) => b.updatedAt - a.updatedAt);

  const timeFor = (spot: DropSpot): string =>
    spot.minutes === null ? suggestedTime(spot.date, cal.zone, Date.now()) : timeOfMinutes(spot.minutes);

  const startDrag = (post: PostView, e: PointerEvent<HTMLButtonElement>) =>
    beginPointerDrag(e, {
      label: excerpt(post.text, 40) || t.drafts.untitled,
      describe: (spot) => `${formatDayShort(spot.date)}, ${formatMinutes(minutesOfTime(timeFor(spot)))}`,
      onDrop: (spot) => {
        const resolved = instantOfWall(spot.date, timeFor(spot), cal.zone);
        if (resolved) void moves.movePost(post, { kind: 'at', at: resolved.instant }, { zone: cal.zone });
      },
    });

  return (
    <section className="drafts-tray" aria-labelledby="drafts-tray-title">
      <h2 className="drafts-tray__title" id="drafts-tray-title">
        {t.calendar.draftsTray}
        {list.length > 0 ? <span className="menu__count">{list.length}</span> : null}
      </h2>
      {list.length === 0 ? (
        <p className="muted drafts-tray__empty">{t.calendar.draftsTrayEmpty}</p>
      ) : (
        <>
          <p className="muted drafts-tray__hint">{t.calendar.draftsTrayHint}</p>
          <ul className="drafts-tray__list" aria-labelledby="drafts-tray-title">
            {list.slice(0, SHOWN).map((post) => (
              <li key={post.id}>
                <button
                  type="button"
                  className="tray-draft"
                  data-post-id={post.id}
                  onClick={() => composer.openPost(post.id)}
                  onPointerDown={(e) => startDrag(post, e)}
                >
                  <span className="tray-draft__text">{excerpt(post.text, 60) || t.drafts.untitled}</span>
                  <AccountMarks accountIds={post.targets.map((x) => x.accountId)} accountsById={app.accountsById} />
                </button>
              </li>
            ))}
          </ul>
          {list.length > SHOWN ? (
            <a href={hrefOf('drafts')} className="drafts-tray__more">
              {t.calendar.allDrafts(list.length)}
            </a>
          ) : null}
        </>
      )}
    </section>
  );
}
