// The Attention list: failed, unconfirmed, missed and held posts, each opening to the actions that settle it.

import { useId, useState } from 'react';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { AttentionActions } from '../../composer/AttentionActions';
import { messageFor } from '../../composer/composerModel';
import { formatDateTime } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';
import { goTo } from '../../state/route';
import { groupByStatus, type ReviewGroup } from './engineModel';
import { useEngineStatus } from './engineStore';
import { RescheduleGroupForm } from './RescheduleForm';
import { followsDecisions } from './ReviewDialog';
import { GroupSummary } from './ReviewRow';
import { useDecide } from './useDecide';

export function AttentionDialog({ onClose }: { readonly onClose: () => void }) {
  const t = useStrings();
  const a = t.engine.attentionDialog;
  const app = useAppData();
  const status = useEngineStatus();
  const review = useLiveQuery('engine.review:all', () => invoke('engine.review', {}), followsDecisions);
  const sections = groupByStatus(review.data ?? []);
  const needLogin = status?.attention.accountsNeedingLogin ?? 0;
  const expiring = status?.attention.expiringLogins ?? [];
  const headingId = useId();
  return (
    <Dialog title={a.title} onClose={onClose} className="engine-dialog">
      {review.error ? (
        <p className="callout callout--danger" role="alert">
          {messageFor(review.error)}
        </p>
      ) : null}
      {needLogin > 0 ? (
        <div className="callout callout--info engine-login">
          <p>{a.accountsNeedLogin(needLogin)}</p>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              onClose();
              goTo('accounts');
            }}
          >
            {a.openAccounts}
          </button>
        </div>
      ) : null}
      {expiring.length > 0 ? (
        <section className="callout callout--info" aria-label={t.appNetworks.expiring.title} data-testid="expiring-logins">
          <h3 className="section-title">{t.appNetworks.expiring.title}</h3>
          <ul>
            {expiring.map((e) => (
              <li key={e.accountId}>
                {e.expiresAt <= Date.now()
                  ? t.appNetworks.expiring.expired(e.accountName, t.accounts.platform[e.platform])
                  : t.appNetworks.expiring.line(e.accountName, t.accounts.platform[e.platform], formatDateTime(e.expiresAt, app.timeZone))}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              onClose();
              goTo('accounts');
            }}
          >
            {a.openAccounts}
          </button>
        </section>
      ) : null}
      {review.status === 'ready' && sections.length === 0 && expiring.length === 0 ? (
        <EmptyState title={a.empty} hint={a.emptyHint} />
      ) : null}
      {sections.map((section) => (
        <section key={section.status} className="engine-section" aria-labelledby={`${headingId}-${section.status}`}>
          <h3 className="section-title" id={`${headingId}-${section.status}`}>
            {a.groups[section.status]} <span className="muted">({section.groups.length})</span>
          </h3>
          <ul className="engine-list" aria-label={a.groups[section.status]}>
            {section.groups.map((g) => (
              <AttentionRow key={`${g.postId}:${g.status}`} group={g} timeZone={app.timeZone} onLeave={onClose} />
            ))}
          </ul>
        </section>
      ))}
      {/* Inside the body, like every dialog's footer here, so it scrolls with a long list and stays in reach. */}
      <div className="dialog__footer">
        <div className="dialog__footer-end">
          <button type="button" className="button" onClick={onClose}>
            {t.actions.close}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** A row that opens to the composer's own way out for the post (AttentionActions), plus a new time through the engine. */
function AttentionRow({
  group,
  timeZone,
  onLeave,
}: {
  readonly group: ReviewGroup;
  readonly timeZone: string;
  readonly onLeave: () => void;
}) {
  const t = useStrings();
  const composer = useComposer();
  const textId = useId();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const { busy, error, decide } = useDecide();
  return (
    <li className="engine-item" data-post-id={group.postId} data-status={group.status}>
      <GroupSummary group={group} timeZone={timeZone} textId={textId} />
      <div className="button-group engine-item__actions">
        <button
          type="button"
          className="button button--small"
          aria-expanded={open}
          aria-controls={panelId}
          aria-describedby={textId}
          onClick={() => setOpen((v) => !v)}
        >
          {open ? t.engine.attentionDialog.hideActions : t.engine.attentionDialog.settle}
        </button>
      </div>
      <div id={panelId} hidden={!open}>
        {open ? (
          <PostActions
            postId={group.postId}
            onMove={group.actions.includes('reschedule') ? () => setRescheduling(true) : undefined}
            onEdit={() => {
              // The composer is a dialog of its own; two modal dialogs on top of each other trap focus badly.
              onLeave();
              composer.openPost(group.postId);
            }}
          />
        ) : null}
        {open && rescheduling ? (
          <RescheduleGroupForm group={group} timeZone={timeZone} decider={{ busy, decide }} onClose={() => setRescheduling(false)} />
        ) : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Loads the post and offers what the composer offers for it: send now or try again, it went out, move, edit, discard. */
function PostActions({
  postId,
  onMove,
  onEdit,
}: {
  readonly postId: string;
  readonly onMove: (() => void) | undefined;
  readonly onEdit: () => void;
}) {
  const t = useStrings();
  const post = useLiveQuery(
    `posts.get:${postId}`,
    () => invoke('posts.get', { id: postId }),
    (e) => e.type === 'posts.changed' && (e.postIds.length === 0 || e.postIds.includes(postId)),
  );
  if (post.error) {
    return (
      <p className="field__error" role="alert">
        {messageFor(post.error)}
      </p>
    );
  }
  if (!post.data) {
    return (
      <p className="muted" role="status">
        {t.engine.attentionDialog.loadingPost}
      </p>
    );
  }
  return <AttentionActions post={post.data.post} onEdit={onEdit} {...(onMove ? { onMove } : {})} />;
}
