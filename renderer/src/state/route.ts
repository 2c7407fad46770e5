// The current view, kept in the URL hash so a reload (or a bookmark in browser mode) returns to it.

import { useSyncExternalStore } from 'react';

// Number keys 1–7 follow this order; new views go last so the keys people learned keep their meaning.
export const VIEWS = ['calendar', 'queue', 'drafts', 'accounts', 'settings', 'analytics', 'transfer'] as const;
export type ViewName = (typeof VIEWS)[number];

function viewFromHash(): ViewName {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'calendar';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useView(): ViewName {
  return useSyncExternalStore(subscribe, viewFromHash);
}

/** The quick-post page (#/quick-post) is a page of its own: the desktop shell opens it in a small window. */
export const QUICK_POST_HASH = '#/quick-post';

export function useIsQuickPost(): boolean {
  return useSyncExternalStore(subscribe, () => window.location.hash === QUICK_POST_HASH);
}

export const hrefOf = (view: ViewName): string => `#/${view}`;

export function goTo(view: ViewName): void {
  window.location.hash = `/${view}`;
}
