// Lets any view open the post dialog, for a new post (optionally at a time) or an existing one, and reopens unsaved work.

import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { readUnsaved } from '../composer/draftStore';
import { type ComposerRequest, PostDialog } from '../composer/PostDialog';

export interface NewPostAt {
  readonly date?: string;
  readonly time?: string;
  readonly timeZone?: string;
}

interface ComposerApi {
  /** A date (YYYY-MM-DD) or a date, time and zone for the new post. */
  readonly openNew: (at?: string | NewPostAt) => void;
  readonly openPost: (postId: string) => void;
  /** The dialog is open (views then leave the conversation panel to it, so only one is mounted). */
  readonly isOpen: boolean;
}

const ComposerContext = createContext<ComposerApi | null>(null);

export function ComposerProvider({ children }: { readonly children: ReactNode }) {
  // Whatever was being written when the window closed comes back first.
  const [request, setRequest] = useState<ComposerRequest | null>(() => {
    const unsaved = readUnsaved();
    return unsaved ? { kind: 'restore', unsaved } : null;
  });
  const isOpen = request !== null;
  const api = useMemo<ComposerApi>(
    () => ({
      openNew: (at) => setRequest({ kind: 'new', ...(typeof at === 'string' ? { date: at } : (at ?? {})) }),
      openPost: (postId) => setRequest({ kind: 'open', postId }),
      isOpen,
    }),
    [isOpen],
  );
  const key =
    request === null
      ? ''
      : request.kind === 'open'
        ? request.postId
        : request.kind === 'restore'
          ? `restore-${request.unsaved.savedAt}`
          : `new-${request.date ?? ''}-${request.time ?? ''}`;
  return (
    <ComposerContext.Provider value={api}>
      {children}
      {request ? <PostDialog key={key} request={request} onClose={() => setRequest(null)} /> : null}
    </ComposerContext.Provider>
  );
}

export function useComposer(): ComposerApi {
  const api = useContext(ComposerContext);
  if (!api) throw new Error('useComposer is used outside ComposerProvider.');
  return api;
}
