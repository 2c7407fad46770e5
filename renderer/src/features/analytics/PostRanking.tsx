// A list of posts by engagement: their text, account, time, numbers and how they did against the account's median.

import type { PostPerformance } from '../../../../shared/analytics';
import { formatDateTime } from '../../format/dates';
import { useLanguage, useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';

export function PostRanking({
  title,
  posts,
  onOpen,
}: {
  readonly title: string;
  readonly posts: readonly PostPerformance[];
  readonly onOpen: (postId: string) => void;
}) {
  const t = useStrings();
  const a = t.analytics;
  const lang = useLanguage();
  const app = useAppData();
  return (
    <section className="panel analytics__ranking" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ol className="analytics__posts">
        {posts.map((p) => (
          <li key={p.targetId} className="analytics__post">
            <p className="analytics__post-text">{p.excerpt}</p>
            <p className="analytics__post-meta">
              {p.accountName} · {formatDateTime(p.publishedAt, app.timeZone)} ·{' '}
              <strong>
                {p.engagements.toLocaleString(lang)} {a.engagements.toLowerCase()}
              </strong>
              {p.vsMedian !== null ? ` · ${a.vsMedian(p.vsMedian.toLocaleString(lang, { maximumFractionDigits: 1 }))}` : ''}
              {p.deleted ? <span className="badge badge--danger"> {a.deleted}</span> : null}
            </p>
            <p className="analytics__post-actions">
              <button type="button" className="button button--ghost button--small" onClick={() => onOpen(p.postId)}>
                {a.open}
              </button>
              {p.url ? (
                <a href={p.url} target="_blank" rel="noreferrer noopener" className="button button--ghost button--small">
                  {p.platform}
                </a>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
