// Undo for the actions that change the calendar: deletes wait a few seconds before they happen, moves can be moved back.

import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { invoke } from '../api/client';
import { messageFor } from '../composer/composerModel';
import { useStrings } from '../i18n';
import { useToasts } from './toasts';

interface UndoApi {
  /** Posts deleted with an Undo still on screen: views hide them until the delete happens or is undone. */
  readonly pendingDeletes: ReadonlySet<string>;
  /** Hides the post now and deletes it when its toast goes (about 6 s), unless Undo is pressed. */
  readonly deleteWithUndo: (post: { readonly id: string }) => void;
  /** Shows `message` with an Undo button that runs `undo`; Ctrl+Z runs the latest one too. */
  readonly offerUndo: (message: string, undo: () => void, note?: string | null) => void;
  /** Runs the most recent Undo still on screen; false when there is none. */
  readonly undoLast: () => boolean;
}

const UndoContext = createContext<UndoApi | null>(null);

export function UndoProvider({ children }: { readonly children: ReactNode }) {
  const t = useStrings();
  const toasts = useToasts();
  const [pendingDeletes, setPending] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef<{ toastId: number } | null>(null);

  const unhide = useCallback((id: string) => {
    setPending((set) => {
      const next = new Set(set);
      next.delete(id);
      return next;
    });
  }, []);

  const deleteWithUndo = useCallback(
    (post: { readonly id: string }) => {
      setPending((set) => new Set(set).add(post.id));
      const toastId = toasts.notify({
        message: t.undo.deleted,
        tone: 'success',
        action: { label: t.undo.undo, run: () => unhide(post.id) },
        onExpire: () => {
          void invoke('posts.delete', { id: post.id }).then((result) => {
            unhide(post.id);
            if (!result.ok) toasts.notify({ message: t.undo.deleteFailed(messageFor(result.error)), tone: 'danger' });
          });
        },
      });
      latest.current = { toastId };
    },
    [t, toasts, unhide],
  );

  const offerUndo = useCallback(
    (message: string, undo: () => void, note?: string | null) => {
      const toastId = toasts.notify({
        message,
        note: note ?? null,
        tone: note ? 'warning' : 'success',
        action: { label: t.undo.undo, run: undo },
      });
      latest.current = { toastId };
    },
    [t, toasts],
  );

  const undoLast = useCallback(() => {
    const last = latest.current;
    if (!last) return false;
    latest.current = null;
    return toasts.act(last.toastId);
  }, [toasts]);

  const api = useMemo<UndoApi>(
    () => ({ pendingDeletes, deleteWithUndo, offerUndo, undoLast }),
    [pendingDeletes, deleteWithUndo, offerUndo, undoLast],
  );
  return <UndoContext.Provider value={api}>{children}</UndoContext.Provider>;
}

export function useUndo(): UndoApi {
  const api = useContext(UndoContext);
  if (!api) throw new Error('useUndo is used outside UndoProvider.');
  return api;
}
