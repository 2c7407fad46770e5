// Across the top of the desktop app while connected to a workspace: not reachable (and how many changes wait here),
// the session ended, or changes made offline that met someone else's (kept as drafts).

import { useState } from 'react';
import { Banner } from '../../components/Banner';
import { useStrings, wordProblem } from '../../i18n';
import { useWorkspaceStatus } from './useWorkspaceStatus';
import { bannerFor, unseenNotes } from './workspaceModel';

export function WorkspaceBanner() {
  const t = useStrings();
  const b = t.workspace.banner;
  const { status } = useWorkspaceStatus();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const state = bannerFor(status);
  const notes = unseenNotes(status, dismissed);
  return (
    <>
      {state?.kind === 'offline' ? (
        <Banner tone="warning" title={b.offlineTitle(state.pending)}>
          <p>{b.offlineBody}</p>
        </Banner>
      ) : null}
      {state?.kind === 'signed_out' ? (
        <Banner tone="warning" title={b.signedOutTitle}>
          <p>{b.signedOutBody(state.pending)}</p>
        </Banner>
      ) : null}
      {notes.length > 0 ? (
        <Banner tone="info" title={b.notesTitle} onDismiss={() => setDismissed(notes[0]?.id ?? null)}>
          {notes.map((n) => (
            <p key={n.id}>{wordProblem(n.problem, n.message, t)}</p>
          ))}
        </Banner>
      ) : null}
    </>
  );
}
