// One post's numbers over time beside its text, and the context at the moment it went out, against the account's median.

import { METRIC_SOURCE_OF, type PostAnalytics, type TargetAnalytics } from '../../../../shared/analytics';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { messageFor } from '../../composer/composerModel';
import { formatDateTime } from '../../format/dates';
import { useLanguage, useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';

function ContextList({ target }: { readonly target: TargetAnalytics }) {
  const t = useStrings();
  const p = t.analytics.post;
  const c = target.context;
  const items: string[] = [];
  items.push(c.trending.length ? p.trending(c.trending.map((x) => x.name).join(', ')) : p.noTrending);
  for (const w of c.watchlist) items.push(p.watchlist(w.term, w.severity));
  for (const check of c.preflight) {
    if (check.result === 'held')
      items.push(`${p.preflightHeld(check.reason)}${check.decision ? ` — ${p.decision[check.decision] ?? check.decision}` : ''}`);
    else if (check.result === 'clear') items.push(p.preflightClear);
  }
  if (c.pause) items.push(p.paused(Math.round(c.pause.delayMs / 60_000), c.pause.reason));
  if (c.observances.length) items.push(p.observance(c.observances.map((o) => o.name).join(', ')));
  return (
    <ul className="analytics__context">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}

function TargetNumbers({ target }: { readonly target: TargetAnalytics }) {
  const t = useStrings();
  const a = t.analytics;
  const lang = useLanguage();
  const app = useAppData();
  return (
    <section className="analytics__target" aria-label={target.accountName}>
      <h3>
        {target.accountName} · {formatDateTime(target.publishedAt, app.timeZone)}{' '}
        {target.url ? (
          <a href={target.url} target="_blank" rel="noreferrer noopener">
            {target.platform}
          </a>
        ) : null}
      </h3>
      <h4>{a.post.overTime}</h4>
      {METRIC_SOURCE_OF[target.platform] === 'none' ? (
        <p className="view__meta">{a.source.none}</p>
      ) : target.snapshots.length === 0 ? (
        <p className="view__meta">{a.post.notYet}</p>
      ) : (
        <table className="analytics__snapshots">
          <thead>
            <tr>
              <th scope="col">{a.post.when}</th>
              <th scope="col">{a.likes}</th>
              <th scope="col">{a.reposts}</th>
              <th scope="col">{a.replies}</th>
              <th scope="col">{a.quotes}</th>
            </tr>
          </thead>
          <tbody>
            {target.snapshots.map((s) => (
              <tr key={`${s.milestone}-${s.takenAt}`}>
                <th scope="row">
                  {a.post.milestone[s.milestone] ?? s.milestone}{' '}
                  <span className="view__meta">{formatDateTime(s.takenAt, app.timeZone)}</span>
                </th>
                {s.state === 'deleted' ? (
                  <td colSpan={4}>{a.deleted}</td>
                ) : (
                  <>
                    <td>{s.likes}</td>
                    <td>{s.reposts}</td>
                    <td>{s.replies}</td>
                    <td>{s.quotes}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {target.snapshots[0] ? <p className="view__meta">{`${a.post.source}: ${a.source[target.snapshots[0].source]}`}</p> : null}
      {target.engagements !== null ? (
        <p>
          {target.accountMedian !== null
            ? a.post.median(target.engagements.toLocaleString(lang), target.accountMedian.toLocaleString(lang))
            : a.post.noMedian}
        </p>
      ) : null}
      <h4>{a.post.context}</h4>
      <ContextList target={target} />
      <h4>{a.post.replies}</h4>
      {target.replies.length ? (
        <ul className="analytics__replies">
          {target.replies.map((r) => (
            <li key={`${r.author}-${r.createdAt}`}>
              {r.url ? (
                <a href={r.url} target="_blank" rel="noreferrer noopener">
                  {r.author}
                </a>
              ) : (
                r.author
              )}
              : {r.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="view__meta">{a.post.noReplies}</p>
      )}
    </section>
  );
}

export function PostNumbersDialog({ postId, onClose }: { readonly postId: string; readonly onClose: () => void }) {
  const t = useStrings();
  const app = useAppData();
  const q = useLiveQuery<PostAnalytics>(
    `${postId}-${app.timeZone}`,
    () => invoke('analytics.post', { postId, timeZone: app.timeZone }),
    (e) => e.type === 'metrics.updated' && e.postIds.includes(postId),
  );
  return (
    <Dialog title={t.analytics.post.title} onClose={onClose} className="analytics__dialog">
      {q.status === 'error' ? (
        <p className="callout callout--danger" role="alert">
          {messageFor(q.error)}
        </p>
      ) : null}
      {q.data ? (
        <div className="analytics__post-detail">
          <blockquote className="analytics__post-quote">{q.data.text}</blockquote>
          {q.data.targets.map((target) => (
            <TargetNumbers key={target.targetId} target={target} />
          ))}
        </div>
      ) : null}
    </Dialog>
  );
}
