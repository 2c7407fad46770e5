// The workspace session, and data from the review routes that reloads when the server's event stream says it changed.

import { useCallback, useEffect, useRef, useState } from 'react';
import { onLiveEvent, runningShell } from '../api/client';
import { type Answer, parseWorkspaceChange, type WorkspaceChange, workspaceApi, workspaceUrl } from './api';
import type { Person } from './types';

export type WorkspaceSession =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly person: Person };

/** Whether this page runs against a workspace server with someone signed in (GET /api/session answers a person). */
export function useWorkspaceSession(): WorkspaceSession {
  const [session, setSession] = useState<WorkspaceSession>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void workspaceApi.session().then((r) => {
      if (!live) return;
      const user = r.ok && typeof r.value === 'object' && r.value !== null && 'user' in r.value ? r.value.user : null;
      setSession(user && typeof user.id === 'string' ? { status: 'signed-in', person: user } : { status: 'signed-out' });
    });
    return () => {
      live = false;
    };
  }, []);
  return session;
}

type Listener = (change: WorkspaceChange | { readonly type: 'resync' }) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;

/**
 * One event stream per page, shared by every panel; a stream that comes back after a drop asks everyone to reload.
 * The desktop app follows the workspace's stream in its main process, which passes these changes on as events.
 */
export function onWorkspaceChange(listener: Listener): () => void {
  if (runningShell() === 'electron')
    return onLiveEvent((e) => {
      if (e.type === 'resync') listener(e);
      else if (e.type === 'workspace.changed')
        listener(e.change === 'review.changed' ? { type: e.change, postId: e.postId ?? '' } : { type: e.change });
    });
  listeners.add(listener);
  if (!source && typeof EventSource !== 'undefined') {
    const s = new EventSource(workspaceUrl('api/events'), { withCredentials: true });
    let opened = false;
    s.addEventListener('open', () => {
      if (opened) for (const l of [...listeners]) l({ type: 'resync' });
      opened = true;
    });
    s.addEventListener('workspace', (e) => {
      const change = parseWorkspaceChange((e as MessageEvent<string>).data);
      if (change) for (const l of [...listeners]) l(change);
    });
    source = s;
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}

export interface WorkspaceQuery<T> {
  readonly data: T | undefined;
  readonly error: string | null;
  readonly reload: () => void;
}

/** Loads with `load` when `key` changes and again when a change matching `refreshOn` is announced. */
export function useWorkspaceQuery<T>(
  key: string,
  load: () => Promise<Answer<T>>,
  refreshOn: (c: WorkspaceChange) => boolean,
): WorkspaceQuery<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  const refreshRef = useRef(refreshOn);
  loadRef.current = load;
  refreshRef.current = refreshOn;
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    void loadRef.current().then((r) => {
      if (mine !== generation.current) return;
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error.message);
    });
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches, so a new key must reload.
  useEffect(() => {
    reload();
    return onWorkspaceChange((c) => {
      if (c.type === 'resync' || refreshRef.current(c)) reload();
    });
  }, [key, reload]);
  return { data, error, reload };
}
