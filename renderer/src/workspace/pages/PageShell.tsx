// The frame of the workspace's own pages: the app's look, one main landmark, and the person signed in when there is one.

import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickLanguage, setLanguage, useStrings } from '../../i18n';
import { setWorkspaceBase, workspaceApi } from '../api';
import type { Person } from '../types';
import '../../styles/tokens.css';
import '../../styles/app.css';
import '../../styles/composer.css';
import '../workspace.css';

export function mountPage(page: ReactNode): void {
  setLanguage(pickLanguage('system', navigator.languages));
  setWorkspaceBase('/');
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}

export function PageShell({
  title,
  person,
  wide,
  children,
}: {
  title: string;
  person?: Person | null;
  wide?: boolean;
  children: ReactNode;
}) {
  const t = useStrings().team;
  document.title = `${title} · Kairos`;
  return (
    <div className="ws-page">
      <header className="ws-page__bar">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true" />
          {t.title}
        </a>
        {person ? (
          <span className="ws-page__who">
            <span className="muted">{t.signedInAs(person.displayName, person.role)}</span>
            <button
              type="button"
              className="button button--small"
              onClick={() => void workspaceApi.signOut().then(() => window.location.assign('/sign-in'))}
            >
              {t.signOut}
            </button>
          </span>
        ) : null}
      </header>
      <main className={`ws-page__main${wide ? ' ws-page__main--wide' : ''}`} id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** Sends a visitor without a session to sign in (or to set up a workspace with nobody), then back here. */
export async function signInFirst(): Promise<void> {
  const setup = await workspaceApi.setupNeeded();
  if (setup.ok && setup.value.needed) window.location.assign('/setup');
  else window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.hash)}`);
}

/** The app (calendar, composer, review panel), where a person goes once signed in. */
export const APP_HOME = '/app/';

/** Only a path of this site: a next= that points elsewhere is ignored, and without one the app opens. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? APP_HOME;
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : APP_HOME;
}
