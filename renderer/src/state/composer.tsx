// Lets any view open the post dialog, for a new post (optionally on a day) or for an existing one.

import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { type ComposerRequest, PostDialog } from '../composer/PostDialog';

interface ComposerApi {
  readonly openNew: (date?: string) => void;
  readonly openPost: (postId: string) => void;
}

const ComposerContext = createContext<ComposerApi | null>(null);

export function ComposerProvider({ children }: { readonly children: ReactNode }) {
  const [request, setRequest] = useState<ComposerRequest | null>(null);
  const api = useMemo<ComposerApi>(
    () => ({
      openNew: (date) => setRequest(date ? { kind: 'new', date } : { kind: 'new' }),
      openPost: (postId) => setRequest({ kind: 'open', postId }),
    }),
    [],
  );
  return (
    <ComposerContext.Provider value={api}>
      {children}
      {request ? (
        <PostDialog
          key={request.kind === 'open' ? request.postId : `new-${request.date ?? ''}`}
          request={request}
          onClose={() => setRequest(null)}
        />
      ) : null}
    </ComposerContext.Provider>
  );
}

export function useComposer(): ComposerApi {
  const api = useContext(ComposerContext);
  if (!api) throw new Error('useComposer is used outside ComposerProvider.');
  return api;
}
