// A post or target status as a small labelled badge; statuses that need a person stand out.

import type { PostStatus } from '../../../shared/domain';
import { useStrings } from '../i18n';

/** Statuses that mean "look at this": drawn solid and marked with an icon, not only a colour. */
export const ATTENTION_STATUSES: ReadonlySet<PostStatus> = new Set(['failed', 'unconfirmed', 'missed']);

export function StatusBadge({ status }: { readonly status: PostStatus }) {
  const t = useStrings();
  const attention = ATTENTION_STATUSES.has(status);
  return (
    <span className={`badge badge--${status}${attention ? ' badge--attention' : ''}`} data-status={status}>
      {attention ? (
        <span className="badge__icon" aria-hidden="true">
          !
        </span>
      ) : null}
      {t.status[status]}
    </span>
  );
}
