// The composer's working state: the form, a localStorage copy on every change, and drafts saved to the backend as you type.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PostView } from '../../../shared/domain';
import { invoke } from '../api/client';
import { type ComposerForm, contentOf, isBlank, keptOffline, messageFor } from './composerModel';
import { writeUnsaved } from './draftStore';

/** How long typing must pause before a draft goes to the backend. */
export const AUTOSAVE_DELAY_MS = 800;

export type AutosaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: number }
  | { readonly kind: 'failed'; readonly message: string }
  /** The workspace is away: the change waits on this computer and goes when it is back (message says so). */
  | { readonly kind: 'kept'; readonly message: string };

export interface ComposerSession {
  readonly form: ComposerForm;
  readonly update: (patch: Partial<ComposerForm>) => void;
  /** The post as last stored: the one opened, or the draft autosave created. */
  readonly post: PostView | null;
  readonly setPost: (post: PostView | null) => void;
  /** The stored post right now, after any save that finished since the last render. */
  readonly latestPost: () => PostView | null;
  /** Whether typing saves a draft to the backend (new posts and drafts; a scheduled post waits for Save). */
  readonly autosaves: boolean;
  readonly autosave: AutosaveState;
  /** The user changed something since the dialog opened. */
  readonly touched: boolean;
  /** Saves any draft change still waiting, and resolves once nothing is on its way. */
  readonly flush: () => Promise<void>;
  /**
   * For a button that saves the form itself (Schedule, Add to queue, Post now, Save draft): stops autosave, lets a
   * save already on its way finish, and resolves with the stored post. The button's one call carries the edits
   * still waiting, so the post's history gets one line for the click, not an autosave "edited" before it.
   */
  readonly takeOver: () => Promise<PostView | null>;
  /**
   * The button's save ended: with the post it stored, null when it failed and autosave should keep the edits, or
   * 'kept' when the desktop kept it for a workspace that cannot be reached (it is on its way: nothing to send again).
   */
  readonly handBack: (saved: PostView | null | 'kept') => void;
  /** The client request id of the post this session creates (posts.create sent again stays one post). */
  readonly requestId: string;
}

export function useComposerSession(initialForm: ComposerForm, initialPost: PostView | null, restored: boolean): ComposerSession {
  const [form, setForm] = useState(initialForm);
  const [post, setPostState] = useState(initialPost);
  const [autosave, setAutosave] = useState<AutosaveState>({ kind: 'idle' });
  const [touched, setTouched] = useState(restored);
  const formRef = useRef(form);
  formRef.current = form;
  const postRef = useRef(post);
  const dirty = useRef(restored);
  const inFlight = useRef<Promise<void> | null>(null);
  // One id for the post this session makes: every create it sends (autosave, kept offline, sent again) is that post.
  const requestId = useRef(crypto.randomUUID());
  const timer = useRef<number | null>(null);
  /** A button is saving the form itself: autosave waits. */
  const takenOver = useRef(false);
  const autosaves = post === null || post.status === 'draft';
  const autosavesRef = useRef(autosaves);
  autosavesRef.current = autosaves;

  const setPost = useCallback((next: PostView | null) => {
    postRef.current = next;
    setPostState(next);
  }, []);

  const update = useCallback((patch: Partial<ComposerForm>) => {
    dirty.current = true;
    setTouched(true);
    setForm((f) => ({ ...f, ...patch }));
  }, []);

  // The local copy first: it is what survives a crash between keystroke and autosave.
  useEffect(() => {
    if (!touched) return;
    writeUnsaved({ postId: postRef.current?.id ?? null, form, savedAt: Date.now() });
  }, [form, touched]);

  const saveNow = useCallback(async (): Promise<void> => {
    while (inFlight.current) await inFlight.current;
    if (takenOver.current || !dirty.current || !autosavesRef.current) return;
    const snapshot = formRef.current;
    const current = postRef.current;
    if (!current && isBlank(snapshot)) return;
    dirty.current = false;
    setAutosave({ kind: 'saving' });
    const work = (async () => {
      const content = contentOf(snapshot);
      const result = current
        ? await invoke('posts.update', { id: current.id, ...content })
        : await invoke('posts.create', {
            ...content,
            when: { kind: 'draft', timeZone: snapshot.timeZone.trim() || 'UTC' },
            clientRequestId: requestId.current,
          });
      if (!result.ok && keptOffline(result.error)) {
        // In the outbox: a later autosave of a new draft replaces it there (same request id), an edit queues after it.
        setAutosave({ kind: 'kept', message: messageFor(result.error) });
        return;
      }
      if (!result.ok) {
        dirty.current = true;
        setAutosave({ kind: 'failed', message: messageFor(result.error) });
        return;
      }
      setPost(result.value.post);
      writeUnsaved({ postId: result.value.post.id, form: formRef.current, savedAt: Date.now() });
      setAutosave(dirty.current ? { kind: 'pending' } : { kind: 'saved', at: Date.now() });
    })();
    inFlight.current = work;
    try {
      await work;
    } finally {
      inFlight.current = null;
    }
  }, [setPost]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every change of the form restarts the wait before saving.
  useEffect(() => {
    if (!touched || !autosaves || !dirty.current) return;
    setAutosave((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
    timer.current = window.setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [form, touched, autosaves, saveNow]);

  const flush = useCallback(async () => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    await saveNow();
    while (inFlight.current) await inFlight.current;
  }, [saveNow]);

  const takeOver = useCallback(async () => {
    takenOver.current = true;
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    while (inFlight.current) await inFlight.current;
    return postRef.current;
  }, []);

  const handBack = useCallback(
    (saved: PostView | null | 'kept') => {
      takenOver.current = false;
      if (saved === 'kept') {
        dirty.current = false;
        return;
      }
      if (saved) {
        dirty.current = false;
        setPost(saved);
        return;
      }
      // Nothing was stored: the edits go to the draft as autosave would have sent them.
      void saveNow();
    },
    [setPost, saveNow],
  );

  const latestPost = useCallback(() => postRef.current, []);
  return { form, update, post, setPost, latestPost, autosaves, autosave, touched, flush, takeOver, handBack, requestId: requestId.current };
}
