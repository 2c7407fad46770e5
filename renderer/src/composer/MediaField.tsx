// Images and video on a post: attach by picker, drop or paste, see thumbnails, describe each one, and place it in the thread.

import { useEffect, useId, useRef, useState } from 'react';
import type { MediaView } from '../../../shared/domain';
import { invoke, runningShell, uploadMedia } from '../api/client';
import { Icon } from '../components/Icon';
import { useStrings } from '../i18n';
import type { ComposerForm, MediaItem } from './composerModel';
import { messageFor } from './composerModel';

export interface MediaFieldProps {
  readonly form: ComposerForm;
  readonly onChange: (patch: Partial<ComposerForm>) => void;
  readonly disabled: boolean;
  readonly error: string | null;
  /** Files dropped or pasted anywhere on the composer arrive here. */
  readonly incoming: readonly File[];
  readonly onIncomingTaken: () => void;
}

const previews = new Map<string, string>();

/** A thumbnail for stored media, fetched once per file and kept for the session. */
export function useMediaPreview(id: string): string | null {
  const [url, setUrl] = useState<string | null>(() => previews.get(id) ?? null);
  useEffect(() => {
    if (previews.has(id)) return;
    let live = true;
    void invoke('media.preview', { id }).then((r) => {
      if (!r.ok) return;
      previews.set(id, r.value.dataUrl);
      if (live) setUrl(r.value.dataUrl);
    });
    return () => {
      live = false;
    };
  }, [id]);
  return url;
}

export function MediaField({ form, onChange, disabled, error, incoming, onIncomingTaken }: MediaFieldProps) {
  const t = useStrings();
  const inputId = useId();
  const errorId = useId();
  const [uploading, setUploading] = useState(0);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const mediaRef = useRef(form.media);
  mediaRef.current = form.media;

  function added(m: MediaView) {
    const item: MediaItem = {
      id: m.id,
      fileName: m.fileName,
      mime: m.mime,
      alt: '',
      partIndex: 0,
      width: m.width,
      height: m.height,
      focus: null,
    };
    mediaRef.current = [...mediaRef.current, item];
    onChange({ media: mediaRef.current });
  }

  /** Files from the picker, a drop or a paste: their bytes go to the backend, which decides what they are. */
  async function attach(files: readonly File[]) {
    setUploadError(null);
    for (const file of files) {
      // A type the browser knows to be neither is refused here; anything else is sniffed by the backend.
      if (file.type !== '' && !file.type.startsWith('image/') && !file.type.startsWith('video/')) {
        setUploadError(t.media.notMedia(file.name));
        continue;
      }
      setUploading((n) => n + 1);
      try {
        const result = await uploadMedia(file);
        if (!result.ok) setUploadError(messageFor(result.error));
        else added(result.value);
      } catch {
        setUploadError(t.media.unreadable(file.name));
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  /** The desktop window's Add button: the main process shows the open dialog and reads the files itself. */
  async function pickInDesktop() {
    setUploadError(null);
    setUploading((n) => n + 1);
    try {
      const result = await invoke('media.pick', {});
      if (!result.ok) setUploadError(messageFor(result.error));
      else for (const m of result.value) added(m);
    } finally {
      setUploading((n) => n - 1);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: only new files start an upload.
  useEffect(() => {
    if (incoming.length === 0) return;
    const files = [...incoming];
    onIncomingTaken();
    void attach(files);
  }, [incoming]);

  const setItem = (id: string, patch: Partial<MediaItem>) =>
    onChange({ media: form.media.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
  const shownError = error ?? uploadError;
  const missingAlt = form.media.filter((m) => m.alt.trim() === '').length;

  return (
    <section className="media-field" aria-labelledby={`${inputId}-title`} aria-describedby={shownError ? errorId : undefined}>
      <div className="media-field__head">
        <h3 className="section-title" id={`${inputId}-title`}>
          {t.media.title}
        </h3>
        {runningShell() === 'electron' ? (
          <button type="button" className="button button--small media-field__pick" disabled={disabled} onClick={() => void pickInDesktop()}>
            <Icon name="image" size={14} />
            {t.media.add}
          </button>
        ) : (
          <>
            <input
              id={inputId}
              className="visually-hidden-input"
              type="file"
              accept="image/*,video/*"
              multiple
              disabled={disabled}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                void attach(files);
              }}
            />
            <label className={`button button--small media-field__pick${disabled ? ' is-disabled' : ''}`} htmlFor={inputId}>
              <Icon name="image" size={14} />
              {t.media.add}
            </label>
          </>
        )}
      </div>
      <p className="muted media-field__hint">{t.media.hint}</p>
      {uploading > 0 ? (
        <p className="muted" role="status">
          {t.media.uploading(uploading)}
        </p>
      ) : null}
      {shownError ? (
        <p className="field__error" id={errorId} role="alert">
          {shownError}
        </p>
      ) : null}
      {missingAlt > 0 ? (
        <p className="nudge" role="status">
          <Icon name="warning" size={14} />
          {t.media.altNudge(missingAlt)}
        </p>
      ) : null}
      {form.media.length > 0 ? (
        <ul className="media-list">
          {form.media.map((m) => (
            <MediaRow
              key={m.id}
              item={m}
              parts={form.parts.length + 1}
              disabled={disabled}
              onChange={(patch) => setItem(m.id, patch)}
              onRemove={() => onChange({ media: form.media.filter((x) => x.id !== m.id) })}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface MediaRowProps {
  readonly item: MediaItem;
  readonly parts: number;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<MediaItem>) => void;
  readonly onRemove: () => void;
}

function MediaRow({ item, parts, disabled, onChange, onRemove }: MediaRowProps) {
  const t = useStrings();
  const id = useId();
  const url = useMediaPreview(item.id);
  const missing = item.alt.trim() === '';
  return (
    <li className={`media-item${missing ? ' media-item--no-alt' : ''}`} data-media-id={item.id}>
      <div className="media-item__thumb">
        {url ? <img src={url} alt="" /> : <Icon name="image" size={28} />}
        {missing ? null : <span className="media-item__alt-badge">ALT</span>}
      </div>
      <div className="media-item__fields">
        <div className="field">
          <label className="field__label" htmlFor={id}>
            {t.media.describe}
          </label>
          <textarea
            id={id}
            rows={2}
            value={item.alt}
            maxLength={1500}
            disabled={disabled}
            placeholder={t.media.describePlaceholder}
            onChange={(e) => onChange({ alt: e.target.value })}
            aria-describedby={missing ? `${id}-nudge` : undefined}
          />
          {missing ? (
            <p className="field__hint media-item__nudge" id={`${id}-nudge`}>
              {t.media.missingAlt}
            </p>
          ) : null}
        </div>
        <div className="media-item__row">
          <span className="muted media-item__name">{item.fileName}</span>
          {parts > 1 ? (
            <label className="media-item__part">
              <span>{t.media.goesWith}</span>
              <select value={item.partIndex} disabled={disabled} onChange={(e) => onChange({ partIndex: Number(e.target.value) })}>
                {Array.from({ length: parts }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the options are the thread's positions.
                  <option key={i} value={i}>
                    {t.thread.part(i + 1)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" className="button button--small button--ghost button--danger-text" disabled={disabled} onClick={onRemove}>
            {t.media.remove(item.fileName)}
          </button>
        </div>
      </div>
    </li>
  );
}
