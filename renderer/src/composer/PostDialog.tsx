// The post dialog: write a new post, or open an existing one to edit, schedule, cancel, or see how it went.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntry, PostView } from '../../../shared/domain';
import { invoke } from '../api/client';
import { useLiveQuery } from '../api/hooks';
import { Dialog } from '../components/Dialog';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime } from '../format/dates';
import { useStrings } from '../i18n';
import { useAppData } from '../state/appData';
import { useNotify } from '../state/toasts';
import { ComposerFields } from './ComposerFields';
import {
  type ComposerForm,
  canCancel,
  canDelete,
  checkBeforeSaving,
  errorsFrom,
  type FieldErrors,
  formFromPost,
  isLocked,
  messageFor,
  newPostForm,
  type SaveAction,
  whenFor,
} from './composerModel';
import { checkLengths } from './LengthMeter';
import { PostStatusPanel } from './PostStatusPanel';

export type ComposerRequest = { readonly kind: 'new'; readonly date?: string } | { readonly kind: 'open'; readonly postId: string };

export function PostDialog({ request, onClose }: { readonly request: ComposerRequest; readonly onClose: () => void }) {
  const t = useStrings();
  const postId = request.kind === 'open' ? request.postId : null;
  const loaded = useLiveQuery(
    postId ?? 'new',
    () => (postId ? invoke('posts.get', { id: postId }) : Promise.resolve({ ok: true as const, value: null })),
    (e) => postId !== null && e.type === 'posts.changed' && e.postIds.includes(postId),
  );
  const existing = loaded.data ?? null;
  const post = existing?.post ?? null;
  const locked = post !== null && isLocked(post);
  const title = !postId ? t.composer.newTitle : locked ? t.composer.viewTitle : t.composer.editTitle;
  const subtitle = post ? (
    <span className="dialog__status">
      <StatusBadge status={post.status} />
      {post.scheduledAt !== null ? <span>{formatDateTime(post.scheduledAt, post.timeZone)}</span> : null}
      {post.scheduledAt !== null ? <span className="muted">{post.timeZone}</span> : null}
    </span>
  ) : null;

  return (
    <Dialog title={title} subtitle={subtitle} onClose={onClose} className="dialog--composer">
      {postId && !existing ? (
        loaded.status === 'error' ? (
          <p className="callout callout--danger" role="alert">
            {messageFor(loaded.error)}
          </p>
        ) : (
          <p className="muted">{t.composer.loading}</p>
        )
      ) : (
        <ComposerBody key={post?.id ?? 'new'} request={request} post={post} history={existing?.history ?? []} onDone={onClose} />
      )}
    </Dialog>
  );
}

interface ComposerBodyProps {
  readonly request: ComposerRequest;
  readonly post: PostView | null;
  readonly history: readonly HistoryEntry[];
  readonly onDone: () => void;
}

function ComposerBody({ request, post, history, onDone }: ComposerBodyProps) {
  const t = useStrings();
  const app = useAppData();
  const notify = useNotify();
  const [form, setForm] = useState<ComposerForm>(() => {
    const now = Date.now();
    if (post) {
      const f = formFromPost(post, app.timeZone, now);
      return { ...f, accountIds: f.accountIds.filter((id) => app.accountsById.has(id)) };
    }
    return newPostForm({ date: request.kind === 'new' ? request.date : undefined, timeZone: app.timeZone, now, accountIds: [] });
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<SaveAction | 'cancel' | 'delete' | null>(null);
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const accountsRef = useRef<HTMLFieldSetElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const zoneRef = useRef<HTMLInputElement>(null);
  const formErrorRef = useRef<HTMLParagraphElement>(null);

  const locked = post !== null && isLocked(post);
  const selectedAccounts = useMemo(() => app.accounts.filter((a) => form.accountIds.includes(a.id)), [app.accounts, form.accountIds]);
  const checks = useMemo(() => checkLengths(form.text, selectedAccounts), [form.text, selectedAccounts]);

  // Start in the text box, caret at the end: writing is what the dialog is for.
  useEffect(() => {
    const text = textRef.current;
    if (!text) return;
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  }, []);

  // Move focus to the first field with an error, so keyboard and screen-reader users land on it.
  useEffect(() => {
    const target = errors.form
      ? formErrorRef.current
      : errors.text
        ? textRef.current
        : errors.accountIds
          ? accountsRef.current?.querySelector('input')
          : errors.when
            ? dateRef.current
            : errors.timeZone
              ? zoneRef.current
              : null;
    target?.focus();
  }, [errors]);

  const update = (patch: Partial<ComposerForm>) => setForm((f) => ({ ...f, ...patch }));

  async function save(action: SaveAction) {
    const local = checkBeforeSaving(action, form, t.composer.needDate);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setBusy(action);
    setErrors({});
    const payload = { text: form.text, accountIds: [...form.accountIds], when: whenFor(action, form) };
    const result = post ? await invoke('posts.update', { id: post.id, ...payload }) : await invoke('posts.create', payload);
    setBusy(null);
    if (!result.ok) {
      setErrors(errorsFrom(result.error));
      return;
    }
    const saved = result.value.post;
    const message =
      action === 'now'
        ? t.composer.postingNowToast
        : action === 'draft' || saved.scheduledAt === null
          ? t.composer.draftToast
          : t.composer.scheduledToast(`${formatDateTime(saved.scheduledAt, saved.timeZone)} (${saved.timeZone})`);
    notify({ message, note: result.value.timeNote, tone: result.value.timeNote ? 'warning' : 'success' });
    onDone();
  }

  async function cancelOrDelete(kind: 'cancel' | 'delete') {
    if (!post) return;
    setBusy(kind);
    const result = kind === 'cancel' ? await invoke('posts.cancel', { id: post.id }) : await invoke('posts.delete', { id: post.id });
    setBusy(null);
    setConfirming(null);
    if (!result.ok) {
      setErrors({ form: messageFor(result.error) });
      return;
    }
    notify({ message: kind === 'cancel' ? t.composer.cancelledToast : t.composer.deletedToast, tone: 'success' });
    onDone();
  }

  const disabled = busy !== null || locked;
  const label = (action: SaveAction, text: string) => (busy === action ? t.composer.saving : text);

  return (
    <form
      className="composer-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save('schedule');
      }}
    >
      {errors.form ? (
        <p className="callout callout--danger" role="alert" tabIndex={-1} ref={formErrorRef}>
          {errors.form}
        </p>
      ) : null}
      {locked ? (
        <>
          <p className="callout callout--info">{post?.status === 'publishing' ? t.composer.publishingNow : t.composer.readOnly}</p>
          <blockquote className="post-text">{post?.text}</blockquote>
        </>
      ) : (
        <ComposerFields
          form={form}
          onChange={update}
          accounts={app.accounts}
          checks={checks}
          errors={errors}
          disabled={disabled}
          refs={{ text: textRef, accounts: accountsRef, date: dateRef, timeZone: zoneRef }}
        />
      )}
      {post ? <PostStatusPanel post={post} history={history} accountsById={app.accountsById} timeZone={post.timeZone} /> : null}

      <div className="dialog__footer">
        <div className="dialog__footer-start">
          {post && confirming === null && canCancel(post) ? (
            <button type="button" className="button button--ghost" onClick={() => setConfirming('cancel')} disabled={busy !== null}>
              {t.composer.cancelPost}
            </button>
          ) : null}
          {post && confirming === null && canDelete(post) ? (
            <button
              type="button"
              className="button button--ghost button--danger-text"
              onClick={() => setConfirming('delete')}
              disabled={busy !== null}
            >
              {t.composer.deletePost}
            </button>
          ) : null}
          {confirming ? (
            <>
              <button
                type="button"
                className="button button--danger"
                onClick={() => void cancelOrDelete(confirming)}
                disabled={busy !== null}
              >
                {confirming === 'cancel' ? t.composer.confirmCancel : t.composer.confirmDelete}
              </button>
              <button type="button" className="button button--ghost" onClick={() => setConfirming(null)} disabled={busy !== null}>
                {t.composer.keep}
              </button>
            </>
          ) : null}
        </div>
        {locked ? (
          <button type="button" className="button" onClick={onDone}>
            {t.actions.close}
          </button>
        ) : (
          <div className="dialog__footer-end">
            <button type="button" className="button" onClick={() => void save('draft')} disabled={disabled}>
              {label('draft', t.composer.saveDraft)}
            </button>
            <button type="button" className="button" onClick={() => void save('now')} disabled={disabled}>
              {label('now', t.composer.postNow)}
            </button>
            <button type="submit" className="button button--primary" disabled={disabled}>
              {label('schedule', t.composer.schedule)}
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
