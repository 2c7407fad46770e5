// Loads the panel for a selection through the api client, follows live events, and offers the panel's actions.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Result } from '../../../../shared/contract';
import { failure } from '../../../../shared/contract';
import type { ConversationPanel, PreflightDecision, Selection } from '../../../../shared/contract/conversation';
import type { WatchSeverity } from '../../../../shared/conversation';
import { invoke, type LiveEvent } from '../../api/client';
import { type LiveQuery, useLiveQuery } from '../../api/hooks';

/** How long typing must pause before the panel follows a draft. */
export const DRAFT_DEBOUNCE_MS = 500;

/** The selection after typing has paused; posts and days follow at once. */
export function useSettledSelection(selection: Selection | null, delayMs = DRAFT_DEBOUNCE_MS): Selection | null {
  // Keyed on content, so a new object with the same content changes nothing.
  const key = selection ? JSON.stringify(selection) : '';
  const [settled, setSettled] = useState<Selection | null>(selection);
  useEffect(() => {
    const current = key ? (JSON.parse(key) as Selection) : null;
    if (current?.kind !== 'draft') {
      setSettled(current);
      return;
    }
    const id = window.setTimeout(() => setSettled(current), delayMs);
    return () => window.clearTimeout(id);
  }, [key, delayMs]);
  return settled;
}

const followsPanel = (e: LiveEvent) =>
  e.type === 'conversation.updated' || e.type === 'conversation.alert' || e.type === 'posts.changed' || e.type === 'settings.changed';

export interface ConversationActions {
  refresh(): Promise<Result<unknown>>;
  dismissAlert(id: string): Promise<Result<unknown>>;
  addWatch(term: string, severity: WatchSeverity): Promise<Result<unknown>>;
  removeWatch(id: string): Promise<Result<unknown>>;
  decide(postId: string, decision: PreflightDecision): Promise<Result<unknown>>;
  skipPreflight(postId: string, skip: boolean): Promise<Result<unknown>>;
  /** The crisis brake: pauses all publishing; the banner follows from the engine's status event. */
  pauseAll(reason: string): Promise<Result<unknown>>;
}

export interface ConversationState {
  readonly query: LiveQuery<ConversationPanel> | null;
  /** What to show: the latest answer, or the previous one while the next loads (no flash while typing). */
  readonly panel: ConversationPanel | null;
  readonly actions: ConversationActions;
  /** A refresh the user asked for is running. */
  readonly refreshing: boolean;
}

const nothing: Promise<Result<ConversationPanel>> = Promise.resolve(failure('nothing_selected', {}));

export function useConversation(selection: Selection | null): ConversationState {
  const settled = useSettledSelection(selection);
  const key = settled ? JSON.stringify(settled) : 'none';
  const load = useCallback(() => (settled ? invoke('conversation.forSelection', settled) : nothing), [settled]);
  const query = useLiveQuery(key, load, followsPanel);
  const lastShown = useRef<ConversationPanel | null>(null);
  if (query.data) lastShown.current = query.data;
  const [refreshing, setRefreshing] = useState(false);
  const reload = query.reload;

  const actions = useMemo<ConversationActions>(() => {
    const then = async <T>(p: Promise<Result<T>>): Promise<Result<T>> => {
      const r = await p;
      reload();
      return r;
    };
    return {
      refresh: async () => {
        setRefreshing(true);
        try {
          return await then(invoke('conversation.refresh', settled ? { selection: settled } : {}));
        } finally {
          setRefreshing(false);
        }
      },
      dismissAlert: (id) => then(invoke('conversation.dismissAlert', { id })),
      addWatch: (term, severity) => then(invoke('watchlist.add', { term, severity })),
      removeWatch: (id) => then(invoke('watchlist.remove', { id })),
      decide: (postId, decision) => then(invoke('conversation.preflightDecide', { postId, decision })),
      skipPreflight: (postId, skip) => then(invoke('conversation.preflightSkip', { postId, skip })),
      pauseAll: (reason) => then(invoke('engine.pause', { reason })),
    };
  }, [settled, reload]);

  return { query: settled ? query : null, panel: settled ? (query.data ?? lastShown.current) : null, actions, refreshing };
}
