// Holidays and awareness days for a range of dates, for the calendar to mark; refetched when the settings change.

import { useCallback } from 'react';
import type { Observance } from '../../../../shared/contract/conversation';
import { invoke } from '../../api/client';
import { type LiveQuery, useLiveQuery } from '../../api/hooks';

/** Observances from `from` to `to` (YYYY-MM-DD, inclusive), grouped by date; spans (a whole month) appear on each day. */
export function useObservances(
  from: string,
  to: string,
): LiveQuery<readonly Observance[]> & { readonly byDate: ReadonlyMap<string, readonly Observance[]> } {
  const load = useCallback(() => invoke('calendar.observances', { from, to }), [from, to]);
  const query = useLiveQuery(`${from}/${to}`, load, (e) => e.type === 'settings.changed');
  const byDate = new Map<string, Observance[]>();
  for (const o of query.data ?? []) {
    for (let day = o.date < from ? from : o.date; day <= (o.until ?? o.date) && day <= to; day = nextDay(day)) {
      byDate.set(day, [...(byDate.get(day) ?? []), o]);
    }
  }
  return { ...query, byDate };
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
