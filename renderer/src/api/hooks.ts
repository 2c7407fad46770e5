// React hooks over the api client: data that refetches itself when the backend says it changed.

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ErrorInfo, Result } from '../../../shared/contract';
import { type ConnectionState, connectionState, type LiveEvent, onConnectionState, onLiveEvent } from './client';

export type LiveQuery<T> =
  | { readonly status: 'loading'; readonly data: T | undefined; readonly error: null; readonly reload: () => void }
  | { readonly status: 'ready'; readonly data: T; readonly error: null; readonly reload: () => void }
  | { readonly status: 'error'; readonly data: T | undefined; readonly error: ErrorInfo; readonly reload: () => void };

type Snapshot<T> = { status: 'loading' | 'ready' | 'error'; data: T | undefined; error: ErrorInfo | null };

/**
 * Loads data with `load` whenever `key` changes, and again whenever a backend event matches
 * `refreshOn` (or the live connection comes back). Keeps the previous data while refetching, and
 * ignores answers to requests that a newer one has overtaken.
 */
export function useLiveQuery<T>(key: string, load: () => Promise<Result<T>>, refreshOn: (e: LiveEvent) => boolean): LiveQuery<T> {
  const [snap, setSnap] = useState<Snapshot<T>>({ status: 'loading', data: undefined, error: null });
  const loadRef = useRef(load);
  const refreshRef = useRef(refreshOn);
  loadRef.current = load;
  refreshRef.current = refreshOn;
  const generation = useRef(0);

  const run = useCallback(async () => {
    const mine = ++generation.current;
    const result = await loadRef.current();
    if (mine !== generation.current) return;
    setSnap((prev) =>
      result.ok ? { status: 'ready', data: result.value, error: null } : { status: 'error', data: prev.data, error: result.error },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches, so a new key must refetch.
  useEffect(() => {
    // Keep showing the previous answer while the new one loads; views show empty states only when ready.
    setSnap((prev) => ({ status: 'loading', data: prev.data, error: null }));
    void run();
    return () => {
      generation.current++;
    };
  }, [key, run]);

  useEffect(
    () =>
      onLiveEvent((e) => {
        if (e.type === 'resync' || refreshRef.current(e)) void run();
      }),
    [run],
  );

  const reload = useCallback(() => void run(), [run]);
  return { ...snap, reload } as LiveQuery<T>;
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(onConnectionState, connectionState);
}

/** The current time, refreshed every `everyMs`, for "today" markers and "upcoming" lists. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}
