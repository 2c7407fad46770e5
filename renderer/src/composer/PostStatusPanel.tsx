// Where an existing post goes and what happened to it: each target with its status and link, then the history.

import { useId } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import type { HistoryEntry, PostView } from '../../../shared/domain';
import { Icon } from '../components/Icon';
import { StatusBadge } from '../components/StatusBadge';
import { NetworkIcon, swatchOf } from '../components/Swatches';
import { historyKindLabel } from '../features/engine/historyKinds';
import { FirstCommentLine, useFirstComments } from '../features/import/FirstCommentStatus';
import { formatDateTime, formatHistoryTime } from '../format/dates';
import { useStrings } from '../i18n';

export interface PostStatusPanelProps {
  readonly post: PostView;
  readonly history: readonly HistoryEntry[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  /** Whether to repeat the status's explanation (the peek shows it with its actions instead). */
  readonly showHelp?: boolean;
}

export function PostStatusPanel({ post, history, accountsById, timeZone, showHelp = true }: PostStatusPanelProps) {
  const t = useStrings();
  const id = useId();
  const help = showHelp ? t.statusHelp[post.status] : undefined;
  const firstComments = useFirstComments(post.id, post.options.firstComment !== undefined);
  return (
    <div className="post-status">
      {help ? <p className={`callout callout--${post.status === 'held' ? 'info' : 'danger'}`}>{help}</p> : null}
      {post.targets.length > 0 ? (
        <section aria-labelledby={`${id}-targets`}>
          <h3 id={`${id}-targets`} className="section-title">
            {t.composer.targets}
          </h3>
          <ul className="targets">
            {post.targets.map((target) => {
              const account = accountsById.get(target.accountId);
              const platform = account ? t.accounts.platform[account.platform] : '';
              const comment = firstComments.get(target.id);
              return (
                <li key={target.id} className="target" data-account={account?.name ?? target.accountId}>
                  <div className="target__head">
                    <span className="target__name">
                      {account ? (
                        <span className={`mark swatch-${swatchOf(account.id)}`} aria-hidden="true">
                          <NetworkIcon platform={account.platform} size={11} />
                        </span>
                      ) : null}
                      {account?.name ?? t.composer.removedAccount}
                    </span>
                    <StatusBadge status={target.status} />
                  </div>
                  <div className="target__meta">
                    {target.publishedAt !== null ? (
                      <span>{t.composer.publishedAt(formatDateTime(target.publishedAt, timeZone))}</span>
                    ) : null}
                    {target.attempts > 1 ? <span>{t.composer.attempts(target.attempts)}</span> : null}
                    {comment ? <FirstCommentLine view={comment} timeZone={timeZone} /> : null}
                    {target.nextAttemptAt !== null && target.status === 'retrying' ? (
                      <span>{t.composer.nextAttempt(formatDateTime(target.nextAttemptAt, timeZone))}</span>
                    ) : null}
                    {target.remoteUrl ? (
                      <a className="target__link" href={target.remoteUrl} target="_blank" rel="noreferrer noopener">
                        {t.composer.openOnNetwork(platform)}
                        <Icon name="external" size={14} />
                      </a>
                    ) : null}
                  </div>
                  {target.lastError ? <p className="target__error">{target.lastError}</p> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby={`${id}-history`}>
        <h3 id={`${id}-history`} className="section-title">
          {t.composer.history}
        </h3>
        {history.length === 0 ? (
          <p className="muted">{t.composer.noHistory}</p>
        ) : (
          <ol className="history">
            {[...history].reverse().map((entry, i) => {
              const account = entry.accountId ? accountsById.get(entry.accountId) : undefined;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: two entries can share a time and kind; their order is their identity.
                <li key={`${entry.at}:${entry.kind}:${entry.targetId ?? ''}:${i}`} className="history__item">
                  <time className="history__time" dateTime={new Date(entry.at).toISOString()}>
                    {formatHistoryTime(entry.at, timeZone)}
                  </time>
                  <span className="history__what">
                    <strong>{historyKindLabel(t, entry.kind)}</strong>
                    {account ? ` · ${account.name}` : null}
                    {entry.detail ? ` · ${historyDetail(entry.detail, timeZone)}` : null}
                  </span>
                  <span className="history__actor">
                    {entry.by !== undefined && entry.actor === 'user' ? entry.by : t.composer.actor[entry.actor]}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Details that are ISO instants (a new time) read better as a time in the post's zone. */
function historyDetail(detail: string, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(detail)) {
    const at = Date.parse(detail);
    if (!Number.isNaN(at)) return formatDateTime(at, timeZone);
  }
  return detail;
}
