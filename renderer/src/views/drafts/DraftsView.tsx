// The Drafts & ideas board: every unscheduled draft as a card, searchable by text and labels, opened in the composer or scheduled.

import { type PointerEvent, useState } from 'react';
import type { PostView } from '../../../../shared/domain';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LabelDot } from '../../components/Swatches';
import { excerpt, messageFor } from '../../composer/composerModel';
import { formatDayShort, formatMinutes } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';
import { useMoves } from '../../state/moves';
import { useUndo } from '../../state/undo';
import { instantOfWall, minutesOfTime, suggestedTime, todayIn } from '../calendar/calendarModel';
import { beginPointerDrag, type DropSpot } from '../calendar/dragToMove';
import { DraftCard } from './DraftCard';
import { DropDays } from './DropDays';
import { boardDrafts, type DraftFilters, dropDays, filtersActive, labelsOnDrafts, NO_DRAFT_FILTERS } from './draftsBoardModel';
import { ScheduleDraftDialog } from './ScheduleDraftDialog';
import './drafts.css';

/** Two weeks to drop on; anything further is one "Schedule…" away. */
const DROP_DAYS = 14;

export function DraftsView() {
  const t = useStrings();
  const b = t.draftsBoard;
  const app = useAppData();
  const composer = useComposer();
  const moves = useMoves();
  const undo = useUndo();
  const [filters, setFilters] = useState<DraftFilters>(NO_DRAFT_FILTERS);
  const [scheduling, setScheduling] = useState<PostView | null>(null);
  const drafts = useLiveQuery(
    'drafts',
    () => invoke('posts.list', { unscheduled: true, limit: 1000 }),
    (e) => e.type === 'posts.changed',
  );
  // A card dropped on a day leaves at once; it would come back only if the backend refused the move.
  const hidden = (p: PostView) => undo.pendingDeletes.has(p.id) || Boolean(moves.moved.get(p.id)?.scheduledAt);
  const { all, shown } = boardDrafts(drafts.data ?? [], hidden, filters);
  const labels = labelsOnDrafts(all);
  const zone = app.timeZone;
  const days = dropDays(todayIn(zone, Date.now()), DROP_DAYS);

  const timeFor = (spot: DropSpot): string => suggestedTime(spot.date, zone, Date.now());
  const startDrag = (post: PostView, e: PointerEvent<HTMLButtonElement>) =>
    beginPointerDrag(e, {
      label: excerpt(post.text, 40) || t.drafts.untitled,
      describe: (spot) => b.dropping(`${formatDayShort(spot.date)}, ${formatMinutes(minutesOfTime(timeFor(spot)))}`),
      onDrop: (spot) => {
        const resolved = instantOfWall(spot.date, timeFor(spot), zone);
        if (resolved) void moves.movePost(post, { kind: 'at', at: resolved.instant }, { zone });
      },
    });

  const toggleLabel = (label: string) =>
    setFilters((f) => ({ ...f, labels: f.labels.includes(label) ? f.labels.filter((l) => l !== label) : [...f.labels, label] }));

  return (
    <div className="view drafts-board">
      <header className="view__header">
        <div>
          <h1 className="view__title">{b.title}</h1>
          <p className="view__meta">{b.intro}</p>
        </div>
        <button type="button" className="button" onClick={() => composer.openNew()}>
          <Icon name="plus" size={16} />
          {b.newDraft}
        </button>
      </header>
      {drafts.status === 'error' ? (
        <p className="callout callout--danger" role="alert">
          {t.errors.loadFailed} {messageFor(drafts.error)}
        </p>
      ) : null}
      {drafts.status === 'ready' && all.length === 0 ? <EmptyState title={t.drafts.empty} hint={t.drafts.emptyHint} /> : null}
      {all.length > 0 ? (
        <div className="drafts-board__body">
          <section className="drafts-board__cards" aria-labelledby="drafts-board-count">
            <div className="drafts-board__tools">
              <div className="search-box">
                <Icon name="search" size={16} />
                <input
                  type="search"
                  value={filters.query}
                  onChange={(e) => setFilters((f) => ({ ...f, query: e.target.value }))}
                  placeholder={b.searchPlaceholder}
                  aria-label={b.search}
                />
              </div>
              {labels.length > 0 ? (
                <fieldset className="drafts-board__labels">
                  <legend className="sr-only">{b.labelsFilter}</legend>
                  {labels.map(({ label, count }) => (
                    <button
                      key={label}
                      type="button"
                      className="label-chip drafts-board__label"
                      aria-pressed={filters.labels.includes(label)}
                      onClick={() => toggleLabel(label)}
                    >
                      <LabelDot label={label} />
                      {label}
                      <span className="drafts-board__label-count" aria-hidden="true">
                        {count}
                      </span>
                    </button>
                  ))}
                </fieldset>
              ) : null}
              {filtersActive(filters) ? (
                <button type="button" className="button button--ghost button--small" onClick={() => setFilters(NO_DRAFT_FILTERS)}>
                  {b.clearFilters}
                </button>
              ) : null}
              <output className="drafts-board__count muted" id="drafts-board-count">
                {b.showing(shown.length, all.length)}
              </output>
            </div>
            {shown.length === 0 ? <EmptyState title={b.noMatch} hint={b.noMatchHint} /> : null}
            <ul className="draft-cards" aria-label={t.drafts.title}>
              {shown.map((post) => (
                <li key={post.id}>
                  <DraftCard
                    post={post}
                    accountsById={app.accountsById}
                    timeZone={zone}
                    onOpen={composer.openPost}
                    onSchedule={setScheduling}
                    onDragStart={startDrag}
                  />
                </li>
              ))}
            </ul>
          </section>
          <DropDays days={days} timeZone={zone} />
        </div>
      ) : null}
      {scheduling ? (
        <ScheduleDraftDialog post={scheduling} zone={zone} onOpen={composer.openPost} onClose={() => setScheduling(null)} />
      ) : null}
    </div>
  );
}
