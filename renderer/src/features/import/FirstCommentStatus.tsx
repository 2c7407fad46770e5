// What happened to a post's first comment on each account: waiting until a time, posted with its link, or why not.

import type { FollowUpView } from '../../../../shared/contract/evergreen';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { formatDateTime } from '../../format/dates';
import { useStrings } from '../../i18n';

/** The first comments of a post by target id; empty for a post without one. */
export function useFirstComments(postId: string, wanted: boolean): ReadonlyMap<string, FollowUpView> {
  const q = useLiveQuery(
    `followups:${postId}:${wanted}`,
    () => (wanted ? invoke('followups.ofPost', { postId }) : Promise.resolve({ ok: true as const, value: [] })),
    (e) => e.type === 'resync' || (e.type === 'posts.changed' && e.postIds.includes(postId)),
  );
  return new Map((q.data ?? []).map((f) => [f.targetId, f]));
}

export function FirstCommentLine({ view, timeZone }: { readonly view: FollowUpView; readonly timeZone: string }) {
  const t = useStrings();
  return (
    <span className={`first-comment-status first-comment-status--${view.status}`} data-testid="first-comment-status">
      {t.firstComment.status[view.status]}
      {view.status === 'waiting' ? ` · ${formatDateTime(view.dueAt, timeZone)}` : ''}
      {view.remoteUrl ? (
        <>
          {' · '}
          <a href={view.remoteUrl} target="_blank" rel="noreferrer noopener">
            {view.remoteUrl}
          </a>
        </>
      ) : null}
      {view.lastError && view.status !== 'published' ? ` · ${view.lastError}` : ''}
    </span>
  );
}
