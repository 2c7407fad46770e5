// Where an existing post goes and what happened to it: each target with its status and link, then the history.

import type { AccountWithRule } from '../../../shared/contract';
import type { HistoryEntry, PostView } from '../../../shared/domain';
import { Icon } from '../components/Icon';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime, formatHistoryTime } from '../format/dates';
import { useStrings } from '../i18n';

export interface PostStatusPanelProps {
  readonly post: PostView;
  readonly history: readonly HistoryEntry[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
}

export function PostStatusPanel({ post, history, accountsById, timeZone }: PostStatusPanelProps) {
  const t = useStrings();
  const help = t.statusHelp[post.status];
  return (
    <div className="post-status">
      {help ? <p className={`callout callout--${post.status === 'held' ? 'info' : 'danger'}`}>{help}</p> : null}
      {post.targets.length > 0 ? (
        <section aria-labelledby="post-targets-title">
          <h3 id="post-targets-title" className="section-title">
            {t.composer.targets}
          </h3>
          <ul className="targets">
            {post.targets.map((target) => {
              const account = accountsById.get(target.accountId);
              const platform = account ? t.accounts.platform[account.platform] : '';
              return (
                <li key={target.id} className="target" data-account={account?.name ?? target.accountId}>
                  <div className="target__head">
                    <span className="target__name">{account?.name ?? t.composer.removedAccount}</span>
                    <StatusBadge status={target.status} />
                  </div>
                  <div className="target__meta">
                    {target.publishedAt !== null ? (
                      <span>{t.composer.publishedAt(formatDateTime(target.publishedAt, timeZone))}</span>
                    ) : null}
                    {target.attempts > 1 ? <span>{t.composer.attempts(target.attempts)}</span> : null}
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
      <section aria-labelledby="post-history-title">
        <h3 id="post-history-title" className="section-title">
          {t.composer.history}
        </h3>
        {history.length === 0 ? (
          <p className="muted">{t.composer.noHistory}</p>
        ) : (
          <ol className="history">
            {[...history].reverse().map((entry) => {
              const account = entry.accountId ? accountsById.get(entry.accountId) : undefined;
              return (
                <li key={`${entry.at}:${entry.kind}:${entry.targetId ?? ''}:${entry.accountId ?? ''}`} className="history__item">
                  <time className="history__time" dateTime={new Date(entry.at).toISOString()}>
                    {formatHistoryTime(entry.at, timeZone)}
                  </time>
                  <span className="history__what">
                    <strong>{entry.kind}</strong>
                    {account ? ` · ${account.name}` : null}
                    {entry.detail ? ` · ${entry.detail}` : null}
                  </span>
                  <span className="history__actor">{t.composer.actor[entry.actor]}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
