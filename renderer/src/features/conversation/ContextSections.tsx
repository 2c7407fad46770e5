// The sections about the user's own situation: alerts, the pre-flight check, the date, neighbouring posts and the watchlist.

import { type FormEvent, useId, useState } from 'react';
import type { ConversationAlert, ConversationPanel, PreflightDecision } from '../../../../shared/contract/conversation';
import { WATCH_SEVERITIES, type WatchSeverity } from '../../../../shared/conversation';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDayLong, formatTime } from '../../format/dates';
import { useStrings } from '../../i18n';
import { PanelSection, SeverityBadge } from './PanelParts';

export function AlertsSection({
  alerts,
  timeZone,
  onDismiss,
  onPauseAll,
}: {
  readonly alerts: readonly ConversationAlert[];
  readonly timeZone: string;
  readonly onDismiss: (id: string) => void;
  /** The engine's crisis brake for this alert; offered on high-severity alerts when given. */
  readonly onPauseAll?: (alert: ConversationAlert) => void;
}) {
  const s = useStrings().conversation;
  if (alerts.length === 0) return null;
  return (
    <section className="conv-alerts" aria-label={s.alerts} data-section="alerts">
      {alerts.map((a) => (
        <div
          key={a.id}
          className={`conv-alert conv-alert--${a.severity}`}
          role={a.severity === 'high' ? 'alert' : 'status'}
          data-alert={a.id}
        >
          <div className="conv-alert__head">
            <SeverityBadge severity={a.severity} />
            <span className="conv-alert__source">{s.alertSource(a)}</span>
            <span className="conv-alert__term">{a.term}</span>
            <span className="muted">{formatTime(a.createdAt, timeZone)}</span>
          </div>
          <p className="conv-alert__text">
            {a.url ? (
              <a href={a.url} target="_blank" rel="noreferrer noopener">
                {a.text}
              </a>
            ) : (
              a.text
            )}
          </p>
          <div className="button-group">
            {a.severity === 'high' && onPauseAll ? (
              <button type="button" className="button button--danger button--small" onClick={() => onPauseAll(a)}>
                {s.pauseAll}
              </button>
            ) : null}
            <button type="button" className="button button--ghost button--small" onClick={() => onDismiss(a.id)}>
              {s.dismiss}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}

export function PreflightCard({
  panel,
  onDecide,
  onSkip,
  onEdit,
}: {
  readonly panel: ConversationPanel;
  readonly onDecide: (postId: string, decision: PreflightDecision) => void;
  readonly onSkip: (postId: string, skip: boolean) => void;
  /** Opens the post in the composer; called after the "Edit" decision is recorded. */
  readonly onEdit?: (postId: string) => void;
}) {
  const s = useStrings().conversation;
  const { preflight, selection } = panel;
  const postId = selection.postId;
  if (!preflight || !postId) return null;
  const last = preflight.lastCheck;
  const waiting = last?.result === 'held' && last.decision !== 'send';
  return (
    <PanelSection id="preflight" title={s.preflight} timeZone={selection.timeZone}>
      {waiting && last ? (
        <div className="callout callout--danger" role="alert">
          <p className="conv-alert__term">{s.preflightHeld}</p>
          <p>{last.reason}</p>
          <p>{s.preflightAsk}</p>
          <div className="button-group">
            <button type="button" className="button button--primary button--small" onClick={() => onDecide(postId, 'send')}>
              {s.decisions.send}
            </button>
            <button type="button" className="button button--small" onClick={() => onDecide(postId, 'hold')}>
              {s.decisions.hold}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                onDecide(postId, 'edit');
                onEdit?.(postId);
              }}
            >
              {s.decisions.edit}
            </button>
          </div>
        </div>
      ) : (
        <p className="muted">
          {!preflight.enabled
            ? s.preflightOff
            : last?.result === 'clear'
              ? `${s.preflightClear} ${last.reason}`
              : preflight.skipped || last?.result === 'skipped'
                ? s.preflightSkipped
                : s.preflightNotYet(preflight.minutes)}
        </p>
      )}
      {preflight.enabled ? (
        <label className="conv-check">
          <input type="checkbox" checked={preflight.skipped} onChange={(e) => onSkip(postId, e.currentTarget.checked)} />
          {s.skipForPost}
        </label>
      ) : null}
    </PanelSection>
  );
}

export function DateSection({ panel }: { readonly panel: ConversationPanel }) {
  const s = useStrings().conversation;
  const { date, selection } = panel;
  return (
    <PanelSection id="date" title={s.date} timeZone={selection.timeZone} aside={<span className="muted">{formatDayLong(date.date)}</span>}>
      {date.observances.length === 0 ? (
        <p className="muted conv-empty">{s.noObservances}</p>
      ) : (
        <ul className="conv-list">
          {date.observances.map((o) => (
            <li key={`${o.kind}:${o.country ?? ''}:${o.name}`} className={`conv-observance conv-observance--${o.kind}`}>
              <span className="conv-observance__name">
                {o.url ? (
                  <a href={o.url} target="_blank" rel="noreferrer noopener">
                    {o.name}
                  </a>
                ) : (
                  o.name
                )}
              </span>
              <span className="muted">{s.observanceKind(o)}</span>
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}

export function NeighboursSection({
  panel,
  onOpenPost,
}: {
  readonly panel: ConversationPanel;
  readonly onOpenPost?: (postId: string) => void;
}) {
  const s = useStrings().conversation;
  const { neighbours, selection } = panel;
  if (selection.kind !== 'day' && selection.at === null) return null;
  return (
    <PanelSection id="neighbours" title={s.neighbours} timeZone={selection.timeZone}>
      <p className="muted">{neighbours.windowMinutes === null ? s.neighboursDay : s.neighboursWindow(neighbours.windowMinutes)}</p>
      {neighbours.items.length === 0 ? (
        <p className="muted conv-empty">{s.noNeighbours}</p>
      ) : (
        <ul className="conv-list">
          {neighbours.items.map((n) => (
            <li key={n.postId} className={`conv-neighbour${n.sharedAccountIds.length ? ' conv-neighbour--clash' : ''}`}>
              <span className="conv-neighbour__time">{formatTime(n.scheduledAt, selection.timeZone)}</span>
              {neighbours.windowMinutes === null ? null : <span className="muted">{s.minutesApart(n.minutesApart)}</span>}
              {onOpenPost ? (
                <button
                  type="button"
                  className="button button--ghost button--small conv-neighbour__text"
                  onClick={() => onOpenPost(n.postId)}
                >
                  {n.excerpt}
                </button>
              ) : (
                <span className="conv-neighbour__text">{n.excerpt}</span>
              )}
              <StatusBadge status={n.status} />
              {n.sharedAccountIds.length ? <span className="pill pill--warn">{s.sameAccount}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}

export function WatchlistSection({
  panel,
  onAdd,
  onRemove,
}: {
  readonly panel: ConversationPanel;
  readonly onAdd: (term: string, severity: WatchSeverity) => Promise<boolean>;
  readonly onRemove: (id: string) => void;
}) {
  const s = useStrings().conversation;
  const termId = useId();
  const severityId = useId();
  const [term, setTerm] = useState('');
  const [severity, setSeverity] = useState<WatchSeverity>('high');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (term.trim() === '') return;
    if (await onAdd(term.trim(), severity)) setTerm('');
  };
  return (
    <PanelSection id="watchlist" title={s.watchlist} timeZone={panel.selection.timeZone}>
      <p className="muted">{s.watchHint}</p>
      <form className="conv-watch-form" onSubmit={submit}>
        <label className="sr-only" htmlFor={termId}>
          {s.watchTerm}
        </label>
        <input
          id={termId}
          className="input"
          value={term}
          placeholder={s.watchTerm}
          maxLength={100}
          onChange={(e) => setTerm(e.currentTarget.value)}
        />
        <label className="sr-only" htmlFor={severityId}>
          {s.watchSeverity}
        </label>
        <select id={severityId} className="input" value={severity} onChange={(e) => setSeverity(e.currentTarget.value as WatchSeverity)}>
          {WATCH_SEVERITIES.map((v) => (
            <option key={v} value={v}>
              {s.severity[v]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small">
          {s.addWatch}
        </button>
      </form>
      {panel.watchlist.length === 0 ? (
        <p className="muted">{s.noWatch}</p>
      ) : (
        <ul className="conv-watchlist">
          {panel.watchlist.map((w) => (
            <li key={w.id} className="conv-watch">
              <SeverityBadge severity={w.severity}>{w.term}</SeverityBadge>
              <button type="button" className="icon-button" aria-label={s.removeWatch(w.term)} onClick={() => onRemove(w.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}
