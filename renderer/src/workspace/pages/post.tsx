// /posts/<id>: one post's review for members (the link in notification emails), with the notifications beside it.

import { useEffect } from 'react';
import { useStrings } from '../../i18n';
import { Notifications } from '../Notifications';
import { ReviewPanel } from '../ReviewPanel';
import { useWorkspaceSession } from '../useWorkspace';
import { mountPage, PageShell, signInFirst } from './PageShell';

function PostPage() {
  const t = useStrings().team;
  const session = useWorkspaceSession();
  const postId = decodeURIComponent(window.location.pathname.replace(/^\/posts\//, ''));
  useEffect(() => {
    if (session.status === 'signed-out') void signInFirst();
  }, [session.status]);
  if (session.status !== 'signed-in') return <PageShell title={t.panel.title}>{null}</PageShell>;
  return (
    <PageShell title={t.panel.title} person={session.person} wide>
      <div className="ws-columns">
        <ReviewPanel postId={postId} person={session.person} showPost />
        <aside>
          <Notifications
            onOpen={(id, commentId) =>
              window.location.assign(`/posts/${encodeURIComponent(id)}${commentId ? `#comment-${commentId}` : ''}`)
            }
          />
        </aside>
      </div>
    </PageShell>
  );
}

mountPage(<PostPage />);
