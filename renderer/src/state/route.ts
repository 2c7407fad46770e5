// The current view, kept in the URL hash so a reload (or a bookmark in browser mode) returns to it.

import { useSyncExternalStore } from 'react';

export const VIEWS = ['calendar', 'queue', 'drafts', 'accounts', 'settings'] as const;
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

export const hrefOf = (view: ViewName): string => `#/${view}`;

export function goTo(view: ViewName): void {
  window.location.hash = `/${view}`;
}
