// One post that waits for a decision: what it is, where it was going and why it waits; and the row of the pause review.

import { useId, useState } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { NetworkIcon } from '../../components/Swatches';
import { formatDateTime } from '../../format/dates';
import { useStrings } from '../../i18n';
import type { ReviewGroup } from './engineModel';
import { RescheduleGroupForm } from './RescheduleForm';
import { useDecide } from './useDecide';

/** The facts of a row; `textId` names the element the row's buttons are described by. */
export function GroupSummary({
  group,
  timeZone,
  textId,
}: {
  readonly group: ReviewGroup;
  readonly timeZone: string;
  readonly textId: string;
}) {
  const t = useStrings();
  const holds = group.holdKinds.map((k) => t.engine.item.holdKinds[k] ?? k);
  return (
    <div className="engine-item__summary">
      <div className="engine-item__head">
        <StatusBadge status={group.status} />
        <span className="engine-item__text" id={textId}>
          {group.excerpt || t.drafts.untitled}
        </span>
      </div>
      <p className="engine-item__meta">
        <span className="engine-item__accounts">
          {group.items.map((i) => (
            <span key={i.targetId} className="engine-item__account">
              <NetworkIcon platform={i.platform} size={12} />
              {i.accountName}
            </span>
          ))}
        </span>
        <span>{group.dueAt === null ? t.engine.item.noTime : t.engine.item.wasDue(formatDateTime(group.dueAt, timeZone))}</span>
        {holds.map((h) => (
          <span key={h}>{h}</span>
        ))}
      </p>
      {group.reasons.map((r) => (
        <p key={r} className="engine-item__reason">
          {r}
        </p>
      ))}
    </div>
  );
}

/** A post that came due during a pause: publish it now, give it a new time, or discard it. Nothing happens without a click. */
export function ReviewDecisionRow({ group, timeZone }: { readonly group: ReviewGroup; readonly timeZone: string }) {
  const t = useStrings();
  const textId = useId();
  const { busy, error, decide } = useDecide();
  const [rescheduling, setRescheduling] = useState(false);
  const allows = (kind: (typeof group.actions)[number]) => group.actions.includes(kind);
  return (
    <li className="engine-item" data-post-id={group.postId} data-status={group.status}>
      <GroupSummary group={group} timeZone={timeZone} textId={textId} />
      <div className="button-group engine-item__actions">
        {allows('publish-now') ? (
          <button
            type="button"
            className="button button--small button--primary"
            aria-describedby={textId}
            disabled={busy}
            onClick={() => void decide(group, { kind: 'publish-now' }, t.engine.item.sending)}
          >
            {t.engine.item.publishNow}
          </button>
        ) : null}
        {allows('reschedule') ? (
          <button
            type="button"
            className="button button--small"
            aria-describedby={textId}
            aria-expanded={rescheduling}
            disabled={busy}
            onClick={() => setRescheduling((v) => !v)}
          >
            {t.engine.item.reschedule}
          </button>
        ) : null}
        {allows('discard') ? (
          <button
            type="button"
            className="button button--small button--ghost button--danger-text"
            aria-describedby={textId}
            disabled={busy}
            onClick={() => void decide(group, { kind: 'discard' }, t.engine.item.discarded)}
          >
            {t.engine.item.discard}
          </button>
        ) : null}
      </div>
      {rescheduling ? (
        <RescheduleGroupForm group={group} timeZone={timeZone} decider={{ busy, decide }} onClose={() => setRescheduling(false)} />
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
