// Small pieces the panel's sections share: a section frame with its "as of" time, a sparkline, severity and post items.

import { type ReactNode, useId } from 'react';
import type { WatchMatch } from '../../../../shared/contract/conversation';
import type { WatchSeverity } from '../../../../shared/conversation';
import type { SignalPost } from '../../../../shared/signals';
import { Icon } from '../../components/Icon';
import { formatTime } from '../../format/dates';
import { useStrings } from '../../i18n';

export interface PanelSectionProps {
  /** Names the section for styling and tests (data-section); element ids come from useId, so panels can coexist. */
  readonly id: string;
  readonly title: string;
  /** When the data shown was fetched; undefined for sections that are not fetched (the date, neighbours). */
  readonly fetchedAt?: number | null;
  readonly timeZone: string;
  readonly aside?: ReactNode;
  readonly children: ReactNode;
}

export function PanelSection({ id, title, fetchedAt, timeZone, aside, children }: PanelSectionProps) {
  const headingId = useId();
  return (
    <section className="conv-section" aria-labelledby={headingId} data-section={id}>
      <header className="conv-section__head">
        <h3 id={headingId} className="conv-section__title">
          {title}
        </h3>
        {aside}
        {fetchedAt === undefined ? null : <AsOf fetchedAt={fetchedAt} timeZone={timeZone} />}
      </header>
      {children}
    </section>
  );
}

/** "as of HH:MM": how old the data is, always shown, so offline data is never mistaken for live. */
export function AsOf({ fetchedAt, timeZone }: { readonly fetchedAt: number | null; readonly timeZone: string }) {
  const s = useStrings().conversation;
  return (
    <span className="conv-asof" data-fetched-at={fetchedAt ?? ''}>
      {fetchedAt === null ? s.neverFetched : s.asOf(formatTime(fetchedAt, timeZone))}
    </span>
  );
}

/** A tiny line chart of recent use; the numbers are in its accessible name. */
export function Sparkline({
  values,
  width = 64,
  height = 18,
}: {
  readonly values: readonly number[];
  readonly width?: number;
  readonly height?: number;
}) {
  const s = useStrings().conversation;
  if (values.length < 2) return null;
  const max = Math.max(...values, 1);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg
      className="conv-spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={s.sparkline(values)}
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

export function SeverityBadge({ severity, children }: { readonly severity: WatchSeverity; readonly children?: ReactNode }) {
  const s = useStrings().conversation;
  return (
    <span className={`conv-severity conv-severity--${severity}`} data-severity={severity}>
      {children ?? s.severity[severity]}
    </span>
  );
}

/** Watchlist terms an item matches; tolerates a missing list (older cached signals carry none). */
export function WatchBadges({ matches }: { readonly matches?: readonly WatchMatch[] | null }) {
  if (!matches || matches.length === 0) return null;
  return (
    <span className="conv-badges">
      {matches.map((m) => (
        <SeverityBadge key={m.termId} severity={m.severity}>
          {m.term}
        </SeverityBadge>
      ))}
    </span>
  );
}

/** A public post from a network: author, text, time, and a link to open it there. */
export function SignalPostItem({
  post,
  timeZone,
  highlight,
  badges,
}: {
  readonly post: SignalPost;
  readonly timeZone: string;
  readonly highlight?: boolean;
  readonly badges?: ReactNode;
}) {
  const s = useStrings().conversation;
  return (
    <li className={`conv-post${highlight ? ' conv-post--highlight' : ''}`} data-post-id={post.id}>
      <div className="conv-post__meta">
        <span className="conv-post__author">{post.author}</span>
        <span className="muted">{formatTime(post.createdAt, timeZone)}</span>
        {badges}
        {post.url ? (
          <a
            className="conv-link"
            href={post.url}
            target="_blank"
            rel="noreferrer noopener"
            aria-label={`${s.openOnNetwork}: ${post.author}`}
          >
            <Icon name="external" size={14} />
          </a>
        ) : null}
      </div>
      <p className="conv-post__text">{post.text}</p>
    </li>
  );
}
