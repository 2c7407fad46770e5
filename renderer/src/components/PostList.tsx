// A list of posts as rows (when, status, accounts, text), used by the Queue and Drafts views.

import type { AccountWithRule } from '../../../shared/contract';
import type { PostView } from '../../../shared/domain';
import { excerpt } from '../composer/composerModel';
import { formatDateTime } from '../format/dates';
import { useStrings } from '../i18n';
import { ATTENTION_STATUSES, StatusBadge } from './StatusBadge';

export interface PostListProps {
  readonly label: string;
  readonly posts: readonly PostView[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly onOpen: (postId: string) => void;
  /** What to show where a draft has no time. */
  readonly whenFallback?: (post: PostView) => string;
}

export function PostList({ label, posts, accountsById, timeZone, onOpen, whenFallback }: PostListProps) {
  const t = useStrings();
  return (
    <ul className="post-list" aria-label={label}>
      {posts.map((post) => {
        const when = post.scheduledAt !== null ? formatDateTime(post.scheduledAt, timeZone) : (whenFallback?.(post) ?? '');
        const names = post.targets.map((x) => accountsById.get(x.accountId)?.name ?? t.composer.removedAccount).join(', ');
        const text = excerpt(post.text, 140) || t.drafts.untitled;
        return (
          <li key={post.id}>
            <button
              type="button"
              className={`post-row${ATTENTION_STATUSES.has(post.status) ? ' post-row--attention' : ''}`}
              data-post-id={post.id}
              data-status={post.status}
              onClick={() => onOpen(post.id)}
            >
              <span className="post-row__when">{when}</span>
              <span className="post-row__main">
                <span className="post-row__text">{text}</span>
                <span className="post-row__accounts">{names || t.calendar.noAccountsOnPost}</span>
              </span>
              <StatusBadge status={post.status} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
