// The review workflow inside the app, when it works on a workspace's posts: served by a workspace server (GET
// api/session answers a person), or the desktop app signed in to one (workspace.status says who). A notifications
// button with its unread count in the sidebar, and the review panel in an open post's dialog. On the desktop's own
// data nothing here shows.

import { useState, useSyncExternalStore } from 'react';
import type { WorkspaceStatus } from '../../../shared/contract';
import { invoke, onLiveEvent, runningShell } from '../api/client';
import { Dialog } from '../components/Dialog';
import { useStrings } from '../i18n';
import { useComposer } from '../state/composer';
import { workspaceApi } from './api';
import { Notifications, useUnreadCount } from './Notifications';
import { ReviewPanel } from './ReviewPanel';
import type { Person, Role } from './types';
import './workspace.css';

const ROLES: readonly string[] = ['owner', 'admin', 'editor', 'approver', 'viewer'] satisfies Role[];

/** Who is signed in, and where the workspace's own pages are: "/" when it serves this app, its address on the desktop. */
interface Signed {
  readonly person: Person | null;
  readonly home: string;
}

let signed: Signed = { person: null, home: '/' };
let asked = false;
const listeners = new Set<() => void>();

function take(next: Signed): void {
  const was = signed.person;
  const now = next.person;
  const same =
    signed.home === next.home &&
    (was === now || (was !== null && now !== null && was.id === now.id && was.role === now.role && was.displayName === now.displayName));
  // The same person keeps the same object: status events (online, changes waiting) do not redraw every panel.
  if (same) return;
  signed = next;
  for (const l of [...listeners]) l();
}

/** Who the desktop app is signed in to its workspace as, while the session lasts. */
function fromStatus(status: WorkspaceStatus): Signed {
  const user = status.state === 'connected' ? status.user : null;
  const person = user && ROLES.includes(user.role) ? { ...user, role: user.role as Role } : null;
  return { person, home: status.url ? `${status.url}/` : '/' };
}

/** Asked once per window, for every component that wants to know: the session (served app) or the link (desktop). */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!asked) {
    asked = true;
    if (runningShell() === 'browser') {
      void workspaceApi.session().then((r) => {
        const user = r.ok && r.value && typeof r.value === 'object' && 'user' in r.value ? r.value.user : null;
        take({ person: user && typeof user.id === 'string' ? user : null, home: '/' });
      });
    } else {
      let told = false;
      onLiveEvent((e) => {
        if (e.type !== 'workspace.status') return;
        told = true;
        take(fromStatus(e.status));
      });
      void invoke('workspace.status', {}).then((r) => {
        // An event that came first is newer than this answer.
        if (r.ok && !told) take(fromStatus(r.value));
      });
    }
  }
  return () => listeners.delete(listener);
}

function useSigned(): Signed {
  return useSyncExternalStore(
    subscribe,
    () => signed,
    () => signed,
  );
}

/** The person signed in to the workspace this app works on, or null (the desktop's own data, or signed out). */
export function useWorkspacePerson(): Person | null {
  return useSigned().person;
}

export function WorkspaceSidebar() {
  const { person: me, home } = useSigned();
  const t = useStrings().team;
  if (!me) return null;
  // The workspace's own pages (invitations, the approval rules, email choices) are at the site's root, this app at
  // /app/; the desktop app opens them in the browser (a link that leaves the app always does).
  const desktop = runningShell() === 'electron';
  return (
    <div className="ws-sidebar">
      <span className="muted ws-sidebar__who">{t.signedInAs(me.displayName, me.role)}</span>
      <a className="button button--ghost button--small" href={home} {...(desktop ? { target: '_blank', rel: 'noreferrer' } : {})}>
        {t.home.workspaceHome}
      </a>
      <NotificationsButton />
    </div>
  );
}

function NotificationsButton() {
  const t = useStrings().team.notifications;
  const unread = useUnreadCount();
  const composer = useComposer();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(true)} data-testid="notifications-button">
        {t.title}
        {unread > 0 ? (
          <span className="nav__badge">
            {unread}
            <span className="sr-only"> {t.unread(unread)}</span>
          </span>
        ) : null}
      </button>
      {open ? (
        <Dialog title={t.title} onClose={() => setOpen(false)}>
          <Notifications
            onOpen={(postId) => {
              setOpen(false);
              composer.openPost(postId);
            }}
          />
        </Dialog>
      ) : null}
    </>
  );
}

/** The review panel under an open post, for a person signed in to a workspace. */
export function WorkspaceReview({ postId }: { readonly postId: string }) {
  const me = useWorkspacePerson();
  return me ? <ReviewPanel postId={postId} person={me} /> : null;
}
