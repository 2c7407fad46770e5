// The "current conversation" panel: beside the calendar and inside the composer, it follows the selection.

import { useState } from 'react';
import type { ErrorInfo, Result } from '../../../../shared/contract';
import type {
  ConversationAlert,
  ConversationPanel as PanelData,
  PreflightDecision,
  Selection,
} from '../../../../shared/contract/conversation';
import type { WatchSeverity } from '../../../../shared/conversation';
import { EmptyState } from '../../components/EmptyState';
import { messageFor } from '../../composer/composerModel';
import { formatDayLong, formatTime } from '../../format/dates';
import { useStrings, wordProblem } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AlertsSection, DateSection, NeighboursSection, PreflightCard, WatchlistSection } from './ContextSections';
import { MentionsSection, TrendingSection, WordsSection } from './SignalSections';
import { useConversation } from './useConversation';
import './conversation.css';

export interface ConversationPanelProps {
  /** A post, a day, or the draft in the composer; null shows a hint. */
  readonly selection: Selection | null;
  readonly onOpenPost?: (postId: string) => void;
  /** Opens a held post in the composer after the user chose "Edit". */
  readonly onEditPost?: (postId: string) => void;
}

/** The panel wired to the backend through the api client. */
export function ConversationPanel({ selection, onOpenPost, onEditPost }: ConversationPanelProps) {
  const s = useStrings().conversation;
  const notify = useNotify();
  const { query, panel, actions, refreshing } = useConversation(selection);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const report = async (p: Promise<Result<unknown>>): Promise<boolean> => {
    const r = await p;
    setActionError(r.ok ? null : r.error);
    return r.ok;
  };
  // The alert's term is the reason everyone sees in the banner (and the CLI), so nobody has to ask why.
  const pauseFor = async (alert: ConversationAlert) => {
    if (await report(actions.pauseAll(s.pauseReason(alert.term)))) notify({ message: s.pausedToast(alert.term), tone: 'warning' });
  };
  if (!query) {
    return (
      <aside className="conv" aria-label={s.title}>
        <h2 className="conv__title">{s.title}</h2>
        <EmptyState title={s.noSelection} />
      </aside>
    );
  }
  return (
    <ConversationPanelView
      panel={panel}
      loadError={query.status === 'error' ? query.error : null}
      actionError={actionError}
      refreshing={refreshing || panel?.refreshing === true}
      onRefresh={() => void report(actions.refresh())}
      onDismissAlert={(id) => void report(actions.dismissAlert(id))}
      onAddWatch={(term, severity) => report(actions.addWatch(term, severity))}
      onRemoveWatch={(id) => void report(actions.removeWatch(id))}
      onDecide={(postId, decision) => void report(actions.decide(postId, decision))}
      onSkip={(postId, skip) => void report(actions.skipPreflight(postId, skip))}
      onPauseAll={(alert) => void pauseFor(alert)}
      {...(onOpenPost ? { onOpenPost } : {})}
      {...(onEditPost ? { onEditPost } : {})}
    />
  );
}

export interface ConversationPanelViewProps {
  /** Null while the first answer is on its way. */
  readonly panel: PanelData | null;
  readonly loadError: ErrorInfo | null;
  readonly actionError: ErrorInfo | null;
  readonly refreshing: boolean;
  readonly onRefresh: () => void;
  readonly onDismissAlert: (id: string) => void;
  readonly onAddWatch: (term: string, severity: WatchSeverity) => Promise<boolean>;
  readonly onRemoveWatch: (id: string) => void;
  readonly onDecide: (postId: string, decision: PreflightDecision) => void;
  readonly onSkip: (postId: string, skip: boolean) => void;
  /** Pauses all publishing because of this alert; offered on high-severity alerts when given. */
  readonly onPauseAll?: (alert: ConversationAlert) => void;
  readonly onOpenPost?: (postId: string) => void;
  readonly onEditPost?: (postId: string) => void;
}

/** The panel drawn from data and callbacks alone, so it can be mounted anywhere and shown with any data. */
export function ConversationPanelView(props: ConversationPanelViewProps) {
  const s = useStrings().conversation;
  const { panel, loadError, actionError, refreshing } = props;
  const heading = panel
    ? panel.selection.kind === 'post'
      ? s.forPost
      : panel.selection.kind === 'day'
        ? s.forDay(formatDayLong(panel.selection.date))
        : s.forDraft
    : null;
  return (
    <aside className="conv" aria-label={s.title} aria-busy={refreshing}>
      <header className="conv__head">
        <div>
          <h2 className="conv__title">{s.title}</h2>
          {heading ? <p className="conv__for muted">{heading}</p> : null}
        </div>
        <button type="button" className="button button--small" onClick={props.onRefresh} disabled={refreshing || !panel}>
          {refreshing ? s.refreshing : s.refresh}
        </button>
      </header>
      {loadError ? <p className="callout callout--danger">{messageFor(loadError)}</p> : null}
      {actionError ? <p className="callout callout--danger">{messageFor(actionError)}</p> : null}
      {!panel ? (
        <p className="muted" role="status">
          {s.loading}
        </p>
      ) : (
        <>
          <SourceNotes panel={panel} />
          <AlertsSection
            alerts={panel.alerts}
            timeZone={panel.selection.timeZone}
            onDismiss={props.onDismissAlert}
            {...(props.onPauseAll ? { onPauseAll: props.onPauseAll } : {})}
          />
          <PreflightCard
            panel={panel}
            onDecide={props.onDecide}
            onSkip={props.onSkip}
            {...(props.onEditPost ? { onEdit: props.onEditPost } : {})}
          />
          {panel.sources.length === 0 ? (
            <>
              <p className="muted">{s.noSources}</p>
              <WordsSection panel={panel} />
            </>
          ) : (
            <>
              <TrendingSection panel={panel} />
              <WordsSection panel={panel} />
              <MentionsSection panel={panel} />
            </>
          )}
          <DateSection panel={panel} />
          <NeighboursSection panel={panel} {...(props.onOpenPost ? { onOpenPost: props.onOpenPost } : {})} />
          <WatchlistSection panel={panel} onAdd={props.onAddWatch} onRemove={props.onRemoveWatch} />
        </>
      )}
    </aside>
  );
}

/** Which networks could not be reached, and when Kairos will ask again: the data below is then the cached one. */
function SourceNotes({ panel }: { readonly panel: PanelData }) {
  const t = useStrings();
  const s = t.conversation;
  const troubled = panel.sources.filter((src) => src.error !== null);
  if (troubled.length === 0) return null;
  return (
    <div className="conv-sources" role="status">
      {troubled.map((src) => (
        <p key={src.accountId} className="callout callout--info">
          {s.sourceTrouble(src.label, wordProblem(src.errorProblem, src.error, t) ?? '')}
          {src.waitUntil !== null ? ` ${s.sourceWaiting(formatTime(src.waitUntil, panel.selection.timeZone))}` : ''}
        </p>
      ))}
    </div>
  );
}
