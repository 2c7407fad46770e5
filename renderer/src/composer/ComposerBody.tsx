// The composer itself: the fields, the previews and the conversation beside them, and what each button does with the post.

import { type ClipboardEvent, type DragEvent, type MutableRefObject, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntry, PostView } from '../../../shared/domain';
import { invoke } from '../api/client';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Field } from '../components/Field';
import { ConversationPanel } from '../features/conversation/ConversationPanel';
import { FollowUpFields } from '../features/import/FollowUpFields';
import { formatDateTime } from '../format/dates';
import { useStrings, wordProblem } from '../i18n';
import { useAppData } from '../state/appData';
import type { NewPostAt } from '../state/composer';
import { useNotify } from '../state/toasts';
import { useUndo } from '../state/undo';
import { useWorkspacePerson } from '../workspace/InApp';
import { readsOnly } from '../workspace/types';
import { AttentionActions, needsDecision } from './AttentionActions';
import { ComposerFooter } from './ComposerFooter';
import {
  type ComposerForm,
  checkBeforeSaving,
  errorsFrom,
  type FieldErrors,
  formFromPost,
  isBlank,
  isLocked,
  keptOffline,
  messageFor,
  newPostForm,
  type SaveAction,
  saveRequest,
} from './composerModel';
import { checkLengths, LengthMeter } from './LengthMeter';
import { MediaField } from './MediaField';
import { OptionsField } from './OptionsField';
import type { ComposerRequest } from './PostDialog';
import { PostStatusPanel } from './PostStatusPanel';
import { Previews } from './Previews';
import { TargetsField } from './TargetsField';
import { ThreadField } from './ThreadField';
import { useComposerSession } from './useComposerSession';
import { useKnownLabels, useValidation } from './useValidation';
import { WhenField } from './WhenField';
import { describeWall } from './whenModel';
import { XCostNote } from './XCostNote';

export interface ComposerBodyProps {
  readonly request: ComposerRequest;
  readonly post: PostView | null;
  readonly history: readonly HistoryEntry[];
  readonly closeRequest: MutableRefObject<(() => void) | null>;
  readonly onDone: () => void;
}

export function ComposerBody({ request, post: loadedPost, history, closeRequest, onDone }: ComposerBodyProps) {
  const t = useStrings();
  const app = useAppData();
  const notify = useNotify();
  const undo = useUndo();
  const [initial] = useState<ComposerForm>(() => {
    const now = Date.now();
    if (request.kind === 'restore') return request.unsaved.form;
    if (loadedPost) {
      const f = formFromPost(loadedPost, app.timeZone, now);
      return { ...f, accountIds: f.accountIds.filter((id) => app.accountsById.has(id)) };
    }
    const at: NewPostAt = request.kind === 'new' ? request : {};
    return newPostForm({ date: at.date, time: at.time, timeZone: at.timeZone ?? app.timeZone, now, accountIds: [] });
  });
  const session = useComposerSession(initial, loadedPost, request.kind === 'restore');
  const { form, update } = session;
  // The stored post: what autosave created or the dialog opened; fresher copies come with live events.
  const post = loadedPost && (!session.post || loadedPost.updatedAt >= session.post.updatedAt) ? loadedPost : session.post;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<SaveAction | 'cancel' | 'delete' | null>(null);
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | 'discard' | null>(null);
  const [incoming, setIncoming] = useState<readonly File[]>([]);
  const [now] = useState(() => Date.now());
  const textRef = useRef<HTMLTextAreaElement>(null);
  const accountsRef = useRef<HTMLFieldSetElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const zoneRef = useRef<HTMLInputElement>(null);
  const formErrorRef = useRef<HTMLParagraphElement>(null);

  // In a workspace, approvers and viewers read a post (approvers decide on it in the review panel below): the server
  // refuses their changes, so the composer does not offer them.
  const me = useWorkspacePerson();
  const reading = post !== null && me !== null && readsOnly(me.role) ? me.role : null;
  const locked = post !== null && (isLocked(post) || reading !== null);
  const selectedAccounts = useMemo(() => app.accounts.filter((a) => form.accountIds.includes(a.id)), [app.accounts, form.accountIds]);
  const checks = useMemo(
    () => checkLengths(form.text, selectedAccounts, form.overrides, t.composer.overflow),
    [form.text, form.overrides, selectedAccounts, t],
  );
  const problems = useValidation(form, !locked);
  const knownLabels = useKnownLabels();

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

  async function save(action: SaveAction) {
    const local = checkBeforeSaving(action, form, { needDate: t.composer.needDate, needAccounts: t.composer.needAccountsForQueue });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setBusy(action);
    setErrors({});
    // One call with the edits autosave has not sent yet: one history line for the click.
    const stored = (await session.takeOver()) ?? post;
    const request = saveRequest(action, form, stored?.id ?? null, session.requestId);
    const result =
      request.channel === 'posts.update' ? await invoke('posts.update', request.payload) : await invoke('posts.create', request.payload);
    setBusy(null);
    if (!result.ok && keptOffline(result.error)) {
      // Kept on this computer for the workspace: it goes when the workspace is back, and a note tells if it cannot.
      session.handBack('kept');
      notify({ message: messageFor(result.error), tone: 'warning' });
      onDone();
      return;
    }
    if (!result.ok) {
      session.handBack(null);
      setErrors(errorsFrom(result.error));
      return;
    }
    const saved = result.value.post;
    session.handBack(saved);
    const at = saved.scheduledAt === null ? '' : formatDateTime(saved.scheduledAt, saved.timeZone);
    const message =
      action === 'now'
        ? t.composer.postingNowToast
        : action === 'draft' || saved.scheduledAt === null
          ? t.composer.draftToast
          : action === 'queue'
            ? t.composer.queuedToast(at)
            : t.composer.scheduledToast(at);
    const note = wordProblem(result.value.timeNoteProblem, result.value.timeNote, t);
    notify({ message, note, tone: note ? 'warning' : 'success' });
    onDone();
  }

  async function cancelPost() {
    if (!post) return;
    setBusy('cancel');
    const result = await invoke('posts.cancel', { id: post.id });
    setBusy(null);
    setConfirming(null);
    if (!result.ok && keptOffline(result.error)) {
      notify({ message: messageFor(result.error), tone: 'warning' });
      onDone();
      return;
    }
    if (!result.ok) {
      setErrors({ form: messageFor(result.error) });
      return;
    }
    notify({ message: t.composer.cancelledToast, tone: 'success' });
    onDone();
  }

  async function deletePost() {
    await session.flush();
    const stored = session.latestPost() ?? post;
    if (stored) undo.deleteWithUndo(stored);
    onDone();
  }

  /** Escape, ×, or Cancel: keep what was written (as a draft) or ask before dropping changes to a scheduled post. */
  async function close() {
    if (locked || !session.touched) return onDone();
    if (!session.autosaves) {
      setConfirming('discard');
      return;
    }
    await session.flush();
    const stored = session.latestPost();
    if (stored && isBlank(form) && request.kind !== 'open') {
      // Typed and then erased: the draft autosave made is noise.
      await invoke('posts.delete', { id: stored.id });
    } else if (stored && request.kind !== 'open') {
      notify({ message: t.composer.keptAsDraft, tone: 'success' });
    }
    onDone();
  }
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    closeRequest.current = () => void closeRef.current();
    return () => {
      closeRequest.current = null;
    };
  }, [closeRequest]);

  const takeFiles = (files: FileList | null | undefined) => {
    const list = [...(files ?? [])].filter((f) => f.type.startsWith('image/') || f.type.startsWith('video/'));
    if (list.length > 0) setIncoming(list);
    return list.length > 0;
  };
  const disabled = busy !== null || locked;
  const when = describeWall(form.date, form.time, form.timeZone, now);

  return (
    <form
      className="composer-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save('schedule');
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
          e.preventDefault();
          void save('schedule');
        } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void save('draft');
        }
      }}
      onDragOver={(e: DragEvent) => {
        if (!disabled && e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e: DragEvent) => {
        if (disabled) return;
        if (takeFiles(e.dataTransfer.files)) e.preventDefault();
      }}
      onPaste={(e: ClipboardEvent) => {
        if (!disabled && takeFiles(e.clipboardData.files)) e.preventDefault();
      }}
    >
      {request.kind === 'restore' ? <p className="callout callout--info">{t.composer.restored}</p> : null}
      {errors.form ? (
        <p className="callout callout--danger" role="alert" tabIndex={-1} ref={formErrorRef}>
          {errors.form}
        </p>
      ) : null}
      <div className="composer-layout">
        <div className="composer-main">
          {locked ? (
            <>
              <p className="callout callout--info">
                {post?.status === 'publishing'
                  ? t.composer.publishingNow
                  : post && isLocked(post)
                    ? t.composer.readOnly
                    : reading
                      ? t.composer.readsOnly(reading)
                      : null}
              </p>
              <blockquote className="post-text">{post?.text}</blockquote>
            </>
          ) : (
            <div className="composer">
              <Field label={t.composer.text} error={errors.text ?? null} className="composer__text">
                <textarea
                  ref={textRef}
                  value={form.text}
                  onChange={(e) => update({ text: e.target.value })}
                  placeholder={t.composer.textPlaceholder}
                  rows={6}
                  disabled={disabled}
                  spellCheck
                />
              </Field>
              <LengthMeter checks={checks} />
              <XCostNote accounts={selectedAccounts} text={form.text} parts={form.parts} overrides={form.overrides} />
              <ThreadField form={form} onChange={update} accounts={selectedAccounts} disabled={disabled} error={errors.parts ?? null} />
              <FollowUpFields form={form} onChange={update} disabled={disabled} />
              <TargetsField
                form={form}
                onChange={update}
                accounts={app.accounts}
                checks={checks}
                problems={problems}
                error={errors.accountIds ?? null}
                disabled={disabled}
                fieldsetRef={accountsRef}
              />
              <WhenField
                form={form}
                onChange={update}
                errors={{ when: errors.when, timeZone: errors.timeZone }}
                disabled={disabled}
                refs={{ date: dateRef, timeZone: zoneRef }}
                now={now}
              />
              <MediaField
                form={form}
                onChange={update}
                disabled={disabled}
                error={errors.media ?? null}
                incoming={incoming}
                onIncomingTaken={() => setIncoming([])}
              />
              <OptionsField
                form={form}
                onChange={update}
                selectedAccounts={selectedAccounts}
                knownLabels={knownLabels}
                disabled={disabled}
                errors={{ options: errors.options, labels: errors.labels }}
              />
            </div>
          )}
          {post && needsDecision(post) ? <AttentionActions post={post} /> : null}
          {post ? (
            <PostStatusPanel
              post={post}
              history={history}
              accountsById={app.accountsById}
              timeZone={post.timeZone}
              showHelp={!needsDecision(post)}
            />
          ) : null}
        </div>
        <div className="composer-side">
          {locked ? null : <Previews form={form} accounts={selectedAccounts} />}
          <ErrorBoundary area={t.errors.conversationArea}>
            <ConversationPanel
              selection={{
                kind: 'draft',
                text: [form.text, ...form.parts].join('\n\n'),
                accountIds: [...form.accountIds],
                scheduledAt: when.instant !== null && !when.past ? when.instant : null,
                timeZone: form.timeZone.trim() || app.timeZone,
                ...(post ? { postId: post.id } : {}),
              }}
            />
          </ErrorBoundary>
        </div>
      </div>
      <ComposerFooter
        post={post}
        locked={locked}
        busy={busy}
        disabled={disabled}
        confirming={confirming}
        autosave={session.autosaves ? session.autosave : null}
        onConfirm={setConfirming}
        onSave={(action) => void save(action)}
        onCancelPost={() => void cancelPost()}
        onDelete={() => void deletePost()}
        onDiscard={onDone}
        onClose={() => void close()}
      />
    </form>
  );
}
