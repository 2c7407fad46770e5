// Filters for the calendar: search words, and which accounts, labels and statuses to show.

import type { ReactNode } from 'react';
import type { PostStatus } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { LabelDot, NetworkIcon, swatchOf } from '../../components/Swatches';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { filtersActive, NO_FILTERS, useCalendarState } from '../../state/calendarState';

const STATUS_CHOICES: readonly PostStatus[] = [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'retrying',
  'failed',
  'unconfirmed',
  'missed',
  'held',
  'partial',
  'cancelled',
];

/** The search box's id, so the "/" shortcut can put the caret in it. */
export const SEARCH_INPUT_ID = 'calendar-search';

export function FilterBar({ labels }: { readonly labels: readonly string[] }) {
  const t = useStrings();
  const app = useAppData();
  const cal = useCalendarState();
  const f = cal.filters;
  const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list, value] : list.filter((x) => x !== value));

  return (
    <div className="filter-bar">
      <div className="search-box">
        <Icon name="search" size={16} />
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          value={f.search}
          onChange={(e) => cal.setFilters({ search: e.target.value })}
          placeholder={t.calendar.searchPlaceholder}
          aria-label={t.calendar.search}
          aria-keyshortcuts="/"
        />
      </div>
      <FilterMenu title={t.calendar.filterAccounts} count={f.accountIds.length}>
        {app.accounts.length === 0 ? <p className="muted">{t.calendar.noAccountsToFilter}</p> : null}
        {app.accounts.map((a) => (
          <label key={a.id} className="menu__check">
            <input
              type="checkbox"
              checked={f.accountIds.includes(a.id)}
              onChange={(e) => cal.setFilters({ accountIds: toggle(f.accountIds, a.id, e.target.checked) })}
            />
            <span className={`mark swatch-${swatchOf(a.id)}`} aria-hidden="true">
              <NetworkIcon platform={a.platform} size={11} />
            </span>
            {a.name}
          </label>
        ))}
      </FilterMenu>
      <FilterMenu title={t.calendar.filterLabels} count={f.labels.length}>
        {labels.length === 0 ? <p className="muted">{t.calendar.noLabels}</p> : null}
        {labels.map((l) => (
          <label key={l} className="menu__check">
            <input
              type="checkbox"
              checked={f.labels.includes(l)}
              onChange={(e) => cal.setFilters({ labels: toggle(f.labels, l, e.target.checked) })}
            />
            <LabelDot label={l} />
            {l}
          </label>
        ))}
      </FilterMenu>
      <FilterMenu title={t.calendar.filterStatus} count={f.statuses.length}>
        {STATUS_CHOICES.map((s) => (
          <label key={s} className="menu__check">
            <input
              type="checkbox"
              checked={f.statuses.includes(s)}
              onChange={(e) => cal.setFilters({ statuses: toggle(f.statuses, s, e.target.checked) })}
            />
            {t.status[s]}
          </label>
        ))}
      </FilterMenu>
      {filtersActive(f) ? (
        <button type="button" className="button button--small button--ghost" onClick={() => cal.setFilters(NO_FILTERS)}>
          {t.calendar.clearFilters}
        </button>
      ) : null}
    </div>
  );
}

function FilterMenu({ title, count, children }: { readonly title: string; readonly count: number; readonly children: ReactNode }) {
  return (
    <details className="menu">
      <summary className={`menu__summary${count > 0 ? ' is-active' : ''}`}>
        <Icon name="filter" size={14} />
        {title}
        {count > 0 ? <span className="menu__count">{count}</span> : null}
      </summary>
      <fieldset className="menu__panel menu__panel--checks">
        <legend className="sr-only">{title}</legend>
        {children}
      </fieldset>
    </details>
  );
}
