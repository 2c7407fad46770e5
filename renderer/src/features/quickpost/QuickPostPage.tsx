// The quick-post page (#/quick-post): write, pick accounts, paste an image, then post now, queue it or keep it as a draft.

import { type ClipboardEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountWithRule, PostWhen } from '../../../../shared/contract';
import type { PostView } from '../../../../shared/domain';
import { wallTimeOf } from '../../../../shared/time/wallTime';
import { invoke, onLiveEvent, uploadMedia } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { checkLengths, LengthMeter } from '../../composer/LengthMeter';
import { formatWall } from '../../format/dates';
import { useStrings, wordProblem } from '../../i18n';
import { readStored, removeStored, writeStored } from '../../state/storage';
import { OfflineBannerView } from '../offline/OfflineBanner';
import { useConnectivity } from '../offline/useConnectivity';
import { blockingProblem, describeSlot, initialSelection, isMacPlatform, keyIntent, pastedImage, sendProgress } from './quickPostModel';
import './quickpost.css';

export interface QuickPostPageProps {
  readonly accounts: readonly AccountWithRule[];
  /** The app's zone, to say when a queued post goes out. */
  readonly timeZone: string;
  /** Esc and the Close button: the desktop shell hides the window, browser mode goes back. */
  readonly onClose: () => void;
}

interface PastedImage {
  readonly id: string;
  readonly previewUrl: string;
  readonly alt: string;
}

type Action = 'now' | 'queue' | 'draft';

/** What the last save did; "Post now" is followed live until every account has an outcome. */
type Outcome =
  | { readonly action: 'now'; readonly postId: string }
  | { readonly action: 'queue'; readonly when: string; readonly note: string | null }
  | { readonly action: 'draft' };

/** Unsent text survives closing the window, a reload and a crash. */
const DRAFT_KEY = 'kairos.quickPost.text';

export function QuickPostPage({ accounts, timeZone, onClose }: QuickPostPageProps) {
  const t = useStrings();
  const s = t.quickPost;
  const { status: connectivity } = useConnectivity();
  const [text, setText] = useState(() => readStored<string>(DRAFT_KEY) ?? '');
  // What the person ticked; until they touch a box, the pick follows the accounts as they load.
  const [picked, setPicked] = useState<readonly string[] | null>(null);
  const [lastChoice, setLastChoice] = useState<readonly string[] | null>(null);
  const [image, setImage] = useState<PastedImage | null>(null);
  const [busy, setBusy] = useState<Action | 'attach' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sentPost, setSentPost] = useState<PostView | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const mac = useMemo(() => isMacPlatform(navigator.platform), []);
  // The last choice is preselected; until it loads, nothing is, so a quick Ctrl+Enter cannot go to the wrong place.
  // A lone account is picked only while it is the only one: an account that arrives later undoes that default.
  const accountIds = picked ?? (lastChoice === null ? [] : initialSelection(lastChoice, accounts));

  useEffect(() => {
    let live = true;
    void invoke('app.preferences.get', {}).then((r) => {
      if (live) setLastChoice(r.ok ? r.value.lastQuickPostAccounts : []);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const focus = () => textRef.current?.focus();
    focus();
    window.addEventListener('focus', focus);
    return () => window.removeEventListener('focus', focus);
  }, []);

  useEffect(() => {
    if (text === '') removeStored(DRAFT_KEY);
    else writeStored(DRAFT_KEY, text);
  }, [text]);

  // After "Post now", follow the post (and the network) until each account has an outcome.
  const watched = outcome?.action === 'now' ? outcome.postId : null;
  useEffect(() => {
    setSentPost(null);
    if (!watched) return;
    let live = true;
    const check = () =>
      void invoke('posts.get', { id: watched }).then((r) => {
        if (live && r.ok) setSentPost(r.value.post);
      });
    check();
    const stop = onLiveEvent((e) => {
      if (e.type === 'resync' || (e.type === 'posts.changed' && e.postIds.includes(watched))) check();
    });
    return () => {
      live = false;
      stop();
    };
  }, [watched]);

  const chosenAccounts = accounts.filter((a) => accountIds.includes(a.id));
  const checks = checkLengths(text, chosenAccounts, {}, t.composer.overflow);

  const toggle = (id: string, on: boolean) =>
    setPicked(on ? [...accountIds.filter((x) => x !== id), id] : accountIds.filter((x) => x !== id));

  const attach = useCallback(async (file: File) => {
    setBusy('attach');
    setError(null);
    try {
      const r = await uploadMedia(file);
      if (!r.ok) setError(messageFor(r.error));
      else
        setImage((old) => {
          if (old) URL.revokeObjectURL(old.previewUrl);
          return { id: r.value.id, previewUrl: URL.createObjectURL(file), alt: '' };
        });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }, []);

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = pastedImage([...e.clipboardData.files]);
    if (pasted.image) {
      e.preventDefault();
      void attach(pasted.image);
    } else if (pasted.other && e.clipboardData.getData('text/plain') === '') {
      e.preventDefault();
      setError(s.notAnImage);
    }
  };

  const removeImage = () => {
    if (image) URL.revokeObjectURL(image.previewUrl);
    setImage(null);
  };

  const submit = async (action: Action) => {
    if (busy) return;
    const problem = blockingProblem(text, image !== null, accountIds, action, s);
    if (problem) {
      setError(problem);
      textRef.current?.focus();
      return;
    }
    setBusy(action);
    setError(null);
    setOutcome(null);
    try {
      // Add to queue: the backend picks the next free slot in the same write that takes it.
      const when: PostWhen = action === 'now' ? { kind: 'now' } : action === 'queue' ? { kind: 'queue' } : { kind: 'draft' };
      const media = image ? [{ id: image.id, alt: image.alt }] : undefined;
      const r = await invoke('posts.create', { text, accountIds: [...accountIds], when, ...(media ? { media } : {}) });
      if (!r.ok) {
        setError(messageFor(r.error));
        return;
      }
      if (accountIds.length > 0) void invoke('app.preferences.set', { lastQuickPostAccounts: [...accountIds] });
      setText('');
      removeImage();
      const saved = r.value.post;
      const queued: Outcome | null =
        action === 'queue' && saved.scheduledAt !== null
          ? {
              action: 'queue',
              when: describeSlot(wallTimeOf(saved.scheduledAt, saved.timeZone), timeZone, formatWall),
              note: wordProblem(r.value.timeNoteProblem, r.value.timeNote, t),
            }
          : null;
      setOutcome(action === 'now' ? { action, postId: saved.id } : (queued ?? { action: 'draft' }));
      textRef.current?.focus();
    } finally {
      setBusy(null);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const intent = keyIntent(e, mac);
    if (intent === null) return;
    e.preventDefault();
    if (intent === 'send') void submit('now');
    else onClose();
  };

  const nameOf = (id: string) => accounts.find((a) => a.id === id)?.name ?? id;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the shortcuts apply anywhere in the window, as its hint says.
    <div className="quickpost" onKeyDown={onKeyDown}>
      <OfflineBannerView status={connectivity} />
      <h1 className="quickpost__title">{s.title}</h1>
      <label className="field__label" htmlFor="quickpost-text">
        {s.textLabel}
      </label>
      <textarea
        id="quickpost-text"
        ref={textRef}
        className="quickpost__text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPaste={onPaste}
        rows={5}
        aria-describedby="quickpost-hint"
      />
      <p className="field__hint" id="quickpost-hint">
        {s.sendShortcut(mac)} · {s.pasteHint}
      </p>

      {image ? (
        <section className="quickpost__image" aria-label={s.imageLabel}>
          <img src={image.previewUrl} alt={image.alt} className="quickpost__thumb" />
          <div className="quickpost__image-fields">
            <label className="field__label" htmlFor="quickpost-alt">
              {s.altLabel}
            </label>
            <input
              id="quickpost-alt"
              className="quickpost__alt"
              value={image.alt}
              onChange={(e) => setImage({ ...image, alt: e.target.value })}
              aria-describedby="quickpost-alt-hint"
            />
            <p className={`field__hint${image.alt.trim() === '' ? ' quickpost__nudge' : ''}`} id="quickpost-alt-hint">
              {image.alt.trim() === '' ? s.altMissing : s.altHint}
            </p>
            <button type="button" className="button button--ghost button--small" onClick={removeImage}>
              {s.removeImage}
            </button>
          </div>
        </section>
      ) : null}

      <fieldset className="quickpost__accounts">
        <legend className="field__label">{s.accountsLabel}</legend>
        {accounts.length === 0 ? <p className="field__hint">{s.noAccounts}</p> : null}
        <div className="chips">
          {accounts.map((a) => (
            <label key={a.id} className={`chip-check${accountIds.includes(a.id) ? ' chip-check--on' : ''}`}>
              <input type="checkbox" checked={accountIds.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
              <span className="chip-check__name">{a.name}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <LengthMeter checks={checks} id="quickpost-counter" />

      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {busy ? <output className="field__hint">{busy === 'attach' ? s.attaching : s.working}</output> : null}
      <div className="quickpost__outcome" role="status">
        {outcome ? <OutcomeLine outcome={outcome} post={sentPost} online={connectivity.online} nameOf={nameOf} /> : null}
      </div>

      <div className="button-group quickpost__actions">
        <button type="button" className="button button--primary" onClick={() => void submit('now')} disabled={busy !== null}>
          {s.postNow}
        </button>
        <button type="button" className="button" onClick={() => void submit('queue')} disabled={busy !== null}>
          {s.addToQueue}
        </button>
        <button type="button" className="button" onClick={() => void submit('draft')} disabled={busy !== null}>
          {s.saveDraft}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          {s.close}
        </button>
      </div>
    </div>
  );
}

/** The confirmation: where a queued post went, or how a post sent now is getting on, with links once it is out. */
function OutcomeLine({
  outcome,
  post,
  online,
  nameOf,
}: {
  readonly outcome: Outcome;
  readonly post: PostView | null;
  readonly online: boolean;
  readonly nameOf: (accountId: string) => string;
}) {
  const s = useStrings().quickPost;
  if (outcome.action === 'draft') return <p>{s.drafted}</p>;
  if (outcome.action === 'queue') {
    return (
      <p>
        {s.queued(outcome.when)}
        {outcome.note ? ` ${s.note(outcome.note)}` : ''}
      </p>
    );
  }
  const progress = sendProgress(post, online);
  const message =
    progress.kind === 'sending'
      ? s.sent
      : progress.kind === 'waiting'
        ? s.waiting
        : progress.kind === 'published'
          ? s.published
          : progress.kind === 'partly'
            ? s.partly(progress.published)
            : progress.reason
              ? s.notSent(progress.reason)
              : s.notSentNoReason;
  const links = progress.kind === 'published' || progress.kind === 'partly' ? progress.links : [];
  return (
    <>
      <p data-progress={progress.kind}>{message}</p>
      {links.map((l) => (
        <a key={l.url} href={l.url} target="_blank" rel="noreferrer">
          {s.openPost(nameOf(l.accountId))}
        </a>
      ))}
    </>
  );
}
