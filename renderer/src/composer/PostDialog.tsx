// The post dialog: write a new post, open an existing one, or come back to what was being written when the window closed.

import { useRef } from 'react';
import type { PostView } from '../../../shared/domain';
import { invoke } from '../api/client';
import { useLiveQuery } from '../api/hooks';
import { Dialog } from '../components/Dialog';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime, showsZone } from '../format/dates';
import { useStrings } from '../i18n';
import type { NewPostAt } from '../state/composer';
import { useWorkspacePerson, WorkspaceReview } from '../workspace/InApp';
import { readsOnly } from '../workspace/types';
import { ComposerBody } from './ComposerBody';
import { isLocked, messageFor } from './composerModel';
import { clearUnsaved, type UnsavedComposer } from './draftStore';

export type ComposerRequest =
  | ({ readonly kind: 'new' } & NewPostAt)
  | { readonly kind: 'open'; readonly postId: string }
  | { readonly kind: 'restore'; readonly unsaved: UnsavedComposer };

export function PostDialog({ request, onClose }: { readonly request: ComposerRequest; readonly onClose: () => void }) {
  const t = useStrings();
  const postId = request.kind === 'open' ? request.postId : request.kind === 'restore' ? request.unsaved.postId : null;
  const loaded = useLiveQuery(
    postId ?? 'new',
    () => (postId ? invoke('posts.get', { id: postId }) : Promise.resolve({ ok: true as const, value: null })),
    (e) => postId !== null && e.type === 'posts.changed' && e.postIds.includes(postId),
  );
  const existing = loaded.data ?? null;
  const post: PostView | null = existing?.post ?? null;
  const me = useWorkspacePerson();
  // Published, or opened by someone whose role reads posts without changing them (ComposerBody says which).
  const locked = post !== null && (isLocked(post) || (me !== null && readsOnly(me.role)));
  // A restored draft whose post is gone (deleted elsewhere) comes back as a new post rather than not at all.
  const missing = postId !== null && loaded.status === 'error' && loaded.error.code === 'not_found';
  const title = !post ? t.composer.newTitle : locked ? t.composer.viewTitle : t.composer.editTitle;
  const subtitle = post ? (
    <span className="dialog__status">
      <StatusBadge status={post.status} />
      {post.scheduledAt !== null ? <span>{formatDateTime(post.scheduledAt, post.timeZone)}</span> : null}
      {post.scheduledAt !== null && !showsZone(post.timeZone) ? <span className="muted">{post.timeZone}</span> : null}
    </span>
  ) : null;
  const waiting = postId !== null && !existing && !missing;
  // The body decides how to close (save the draft, or ask about unsaved changes); before it exists, just close.
  const closeRequest = useRef<(() => void) | null>(null);

  return (
    <Dialog
      title={title}
      subtitle={subtitle}
      onClose={() => (closeRequest.current && !waiting ? closeRequest.current() : onClose())}
      className="dialog--composer"
    >
      {waiting ? (
        loaded.status === 'error' ? (
          <p className="callout callout--danger" role="alert">
            {messageFor(loaded.error)}
          </p>
        ) : (
          <p className="muted">{t.composer.loading}</p>
        )
      ) : (
        <ComposerBody
          key={post?.id ?? 'new'}
          request={request}
          post={missing ? null : post}
          history={existing?.history ?? []}
          closeRequest={closeRequest}
          onDone={() => {
            clearUnsaved();
            onClose();
          }}
        />
      )}
      {post ? <WorkspaceReview postId={post.id} /> : null}
    </Dialog>
  );
}
