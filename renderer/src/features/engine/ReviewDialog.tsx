// After a pause: the posts that came due while it lasted, each waiting for Publish now, a new time, or Discard.

import { invoke, type LiveEvent } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { cameDueDuringPause, groupByPost } from './engineModel';
import { ReviewDecisionRow } from './ReviewRow';

export const followsDecisions = (e: LiveEvent): boolean => e.type === 'posts.changed' || e.type === 'engine.status';

export function ReviewDialog({ onClose }: { readonly onClose: () => void }) {
  const t = useStrings();
  const app = useAppData();
  const review = useLiveQuery('engine.review:held', () => invoke('engine.review', { statuses: ['held'] }), followsDecisions);
  const groups = groupByPost((review.data ?? []).filter(cameDueDuringPause));
  return (
    <Dialog title={t.engine.reviewDialog.title} subtitle={t.engine.reviewDialog.intro} onClose={onClose} className="engine-dialog">
      {review.error ? (
        <p className="callout callout--danger" role="alert">
          {messageFor(review.error)}
        </p>
      ) : null}
      {review.status === 'ready' && groups.length === 0 ? <EmptyState title={t.engine.reviewDialog.empty} /> : null}
      {groups.length > 0 ? (
        <ul className="engine-list" aria-label={t.engine.reviewDialog.listLabel}>
          {groups.map((g) => (
            <ReviewDecisionRow key={`${g.postId}:${g.status}`} group={g} timeZone={app.timeZone} />
          ))}
        </ul>
      ) : null}
      {/* Inside the body, like every dialog's footer here, so it scrolls with a long list and stays in reach. */}
      <div className="dialog__footer">
        <div className="dialog__footer-end">
          <button type="button" className="button" onClick={onClose}>
            {t.actions.close}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
