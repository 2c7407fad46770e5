// The engine's status and which of its dialogs is open, shared by the sidebar, the banners, Accounts and the dialogs.

import { useSyncExternalStore } from 'react';
import type { EngineStatus } from '../../../../shared/contract/engine';
import { invoke, onLiveEvent } from '../../api/client';

// ---- status ----------------------------------------------------------------------------------

let status: EngineStatus | null = null;
const statusListeners = new Set<() => void>();
let stopEvents: (() => void) | null = null;
let refreshTimer: number | null = null;
let generation = 0;

function setStatus(next: EngineStatus): void {
  status = next;
  for (const listener of [...statusListeners]) listener();
}

async function refresh(): Promise<void> {
  const mine = ++generation;
  const result = await invoke('engine.status', {});
  // An event that arrived while we asked is newer than this answer.
  if (mine === generation && result.ok) setStatus(result.value);
}

/** Several changes in a burst (a pass over many posts) need one fresh status, not one each. */
function refreshSoon(): void {
  if (refreshTimer !== null) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = null;
    void refresh();
  }, 200);
}

function subscribeStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  if (!stopEvents) {
    void refresh();
    stopEvents = onLiveEvent((e) => {
      if (e.type === 'engine.status') {
        generation++;
        setStatus(e.status);
      } else if (e.type === 'resync') void refresh();
      // Counts also change with posts and accounts; the engine announces most of it, this catches the rest.
      else if (e.type === 'posts.changed' || e.type === 'accounts.changed') refreshSoon();
    });
  }
  return () => {
    statusListeners.delete(listener);
    if (statusListeners.size === 0 && stopEvents) {
      stopEvents();
      stopEvents = null;
    }
  };
}

/** The engine's status (null until the first answer), live from its events. */
export function useEngineStatus(): EngineStatus | null {
  return useSyncExternalStore(subscribeStatus, () => status);
}

// ---- dialogs ---------------------------------------------------------------------------------

export type EngineDialog =
  | { readonly kind: 'pause'; readonly accountId: string | null }
  | { readonly kind: 'review' }
  | { readonly kind: 'attention' };

let dialog: EngineDialog | null = null;
const dialogListeners = new Set<() => void>();

export function openEngineDialog(next: EngineDialog | null): void {
  dialog = next;
  for (const listener of [...dialogListeners]) listener();
}

export const closeEngineDialog = (): void => openEngineDialog(null);

function subscribeDialog(listener: () => void): () => void {
  dialogListeners.add(listener);
  return () => dialogListeners.delete(listener);
}

export function useEngineDialog(): EngineDialog | null {
  return useSyncExternalStore(subscribeDialog, () => dialog);
}
