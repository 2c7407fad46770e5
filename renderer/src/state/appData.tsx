// App-wide data every view needs (app info, settings, accounts, scheduler status), kept live from backend events.

import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { AccountWithRule, AppInfo, ErrorInfo, SchedulerStatus, SettingKey } from '../../../shared/contract';
import { invoke, onLiveEvent } from '../api/client';
import { useLiveQuery } from '../api/hooks';

export type Settings = Readonly<Record<SettingKey, string>>;

export interface AppData {
  readonly info: AppInfo;
  readonly settings: Settings;
  readonly accounts: readonly AccountWithRule[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly scheduler: SchedulerStatus | null;
  /** The zone the calendar and new posts use. */
  readonly timeZone: string;
}

export type AppDataState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ErrorInfo; readonly retry: () => void }
  | { readonly status: 'ready'; readonly data: AppData };

const AppDataContext = createContext<AppData | null>(null);

export function useAppDataState(): AppDataState {
  const info = useLiveQuery(
    'app.info',
    () => invoke('app.info', {}),
    () => false,
  );
  const settings = useLiveQuery(
    'settings',
    () => invoke('settings.get', {}),
    (e) => e.type === 'settings.changed',
  );
  const accounts = useLiveQuery(
    'accounts',
    () => invoke('accounts.list', {}),
    (e) => e.type === 'accounts.changed',
  );
  const [scheduler, setScheduler] = useState<SchedulerStatus | null>(null);

  useEffect(() => {
    let cancelled = false;
    const refresh = () =>
      void invoke('scheduler.status', {}).then((r) => {
        if (!cancelled && r.ok) setScheduler(r.value);
      });
    refresh();
    const stop = onLiveEvent((e) => {
      if (e.type === 'scheduler.status') setScheduler(e.status);
      else if (e.type === 'resync') refresh();
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  const data = useMemo<AppData | null>(() => {
    if (!info.data || !settings.data || !accounts.data) return null;
    return {
      info: info.data,
      settings: settings.data,
      accounts: accounts.data,
      accountsById: new Map(accounts.data.map((a) => [a.id, a])),
      scheduler,
      timeZone: settings.data.timeZone || info.data.defaultTimeZone,
    };
  }, [info.data, settings.data, accounts.data, scheduler]);

  if (data) return { status: 'ready', data };
  const failed = [info, settings, accounts].find((q) => q.status === 'error');
  if (failed?.error) {
    return {
      status: 'error',
      error: failed.error,
      retry: () => {
        info.reload();
        settings.reload();
        accounts.reload();
      },
    };
  }
  return { status: 'loading' };
}

export function AppDataProvider({ data, children }: { readonly data: AppData; readonly children: ReactNode }) {
  return <AppDataContext.Provider value={data}>{children}</AppDataContext.Provider>;
}

export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData is used outside AppDataProvider.');
  return data;
}
