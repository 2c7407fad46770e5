// /: a signed-in person's notifications, each opening its post's review page.

import { useEffect } from 'react';
import { useStrings } from '../../i18n';
import { Notifications } from '../Notifications';
import { useWorkspaceSession } from '../useWorkspace';
import { mountPage, PageShell, signInFirst } from './PageShell';

function HomePage() {
  const t = useStrings().workspace;
  const session = useWorkspaceSession();
  useEffect(() => {
    if (session.status === 'signed-out') void signInFirst();
  }, [session.status]);
  if (session.status !== 'signed-in') return <PageShell title={t.home.title}>{null}</PageShell>;
  return (
    <PageShell title={t.home.title} person={session.person}>
      <p className="muted">{t.home.intro}</p>
      <Notifications
        onOpen={(postId, commentId) =>
          window.location.assign(`/posts/${encodeURIComponent(postId)}${commentId ? `#comment-${commentId}` : ''}`)
        }
      />
    </PageShell>
  );
}

mountPage(<HomePage />);
