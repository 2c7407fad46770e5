// Export buttons, calendar feed addresses (browser mode) and evergreen queues of the Import & export view.

import { type FormEvent, useId, useState } from 'react';
import type { FeedView, NewFeed } from '../../../../shared/contract/importExport';
import { invoke, runningShell } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { formatDateTime } from '../../format/dates';
import { useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { downloadText } from './transferModel';

export function ExportPanel() {
  const s = useStrings().importExport;
  const notify = useNotify();
  const id = useId();
  const [busy, setBusy] = useState(false);

  async function save(kind: 'csv' | 'json' | 'schedule' | 'observances') {
    setBusy(true);
    const r = kind === 'csv' || kind === 'json' ? await invoke('export.posts', { format: kind }) : await invoke('export.ics', { kind });
    setBusy(false);
    if (!r.ok) return notify({ message: messageFor(r.error), tone: 'danger' });
    downloadText(r.value.fileName, r.value.mime, r.value.content);
    notify({ message: s.exported(r.value.count, r.value.fileName), tone: 'success' });
  }

  return (
    <section className="panel transfer" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {s.exportTitle}
      </h2>
      <p className="muted">{s.exportHint}</p>
      <div className="transfer__buttons">
        <button type="button" className="button" disabled={busy} onClick={() => void save('csv')}>
          {s.exportCsv}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void save('json')}>
          {s.exportJson}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void save('schedule')}>
          {s.exportIcs}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void save('observances')}>
          {s.exportObservances}
        </button>
      </div>
    </section>
  );
}

export function FeedsPanel() {
  const s = useStrings().importExport;
  const app = useAppData();
  const notify = useNotify();
  const id = useId();
  const feeds = useLiveQuery(
    'feeds',
    () => invoke('feeds.list', {}),
    (e) => e.type === 'settings.changed' || e.type === 'resync',
  );
  const [created, setCreated] = useState<NewFeed | null>(null);
  const browser = runningShell() === 'browser';

  async function create(kind: FeedView['kind']) {
    const r = await invoke('feeds.create', { kind });
    if (!r.ok) return notify({ message: messageFor(r.error), tone: 'danger' });
    setCreated(r.value);
    feeds.reload();
  }

  async function revoke(feedId: string) {
    const r = await invoke('feeds.revoke', { id: feedId });
    if (!r.ok) return notify({ message: messageFor(r.error), tone: 'danger' });
    if (created?.feed.id === feedId) setCreated(null);
    feeds.reload();
  }

  const url = created ? `${window.location.origin}${created.path}` : null;
  return (
    <section className="panel transfer" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {s.feedsTitle}
      </h2>
      <p className="muted">{browser ? s.feedsHint : s.feedsDesktop}</p>
      {browser ? (
        <>
          <div className="transfer__buttons">
            <button type="button" className="button" onClick={() => void create('schedule')}>
              {s.newScheduleFeed}
            </button>
            <button type="button" className="button" onClick={() => void create('observances')}>
              {s.newObservancesFeed}
            </button>
          </div>
          {url ? (
            <div className="transfer__feed-url" role="status">
              <p>{s.feedCreated}</p>
              <input
                readOnly
                value={url}
                data-testid="feed-url"
                aria-label={s.feedKind(created?.feed.kind ?? 'schedule')}
                onFocus={(e) => e.target.select()}
              />
              <button
                type="button"
                className="button button--small"
                onClick={() => void navigator.clipboard?.writeText(url).then(() => notify({ message: s.copied, tone: 'success' }))}
              >
                {s.copy}
              </button>
            </div>
          ) : null}
          <ul className="transfer__feeds">
            {(feeds.data ?? []).length === 0 ? <li className="muted">{s.noFeeds}</li> : null}
            {(feeds.data ?? []).map((f) => (
              <li key={f.id}>
                <span>{s.feedKind(f.kind)}</span>{' '}
                <span className="muted">{s.feedCreatedAt(formatDateTime(f.createdAt, app.timeZone))}</span>{' '}
                {f.revokedAt ? (
                  <span className="muted">{s.revoked}</span>
                ) : (
                  <button type="button" className="button button--ghost button--small" onClick={() => void revoke(f.id)}>
                    {s.revoke}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function EvergreenPanel() {
  const t = useStrings();
  const s = t.importExport;
  const app = useAppData();
  const notify = useNotify();
  const id = useId();
  const queues = useLiveQuery(
    'evergreen',
    () => invoke('evergreen.queues.list', {}),
    (e) => e.type === 'settings.changed' || e.type === 'posts.changed' || e.type === 'resync',
  );
  const [form, setForm] = useState({ label: '', every: '7', stopDate: '' });
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await invoke('evergreen.queues.set', {
      label: form.label.trim(),
      minIntervalDays: Number(form.every),
      stopDate: form.stopDate || null,
      active: true,
    });
    if (!r.ok) return setError(messageFor(r.error));
    setError(null);
    notify({ message: s.queueSaved(r.value.label), tone: 'success' });
    queues.reload();
  }

  async function remove(label: string) {
    const r = await invoke('evergreen.queues.remove', { label });
    if (!r.ok) notify({ message: messageFor(r.error), tone: 'danger' });
    queues.reload();
  }

  return (
    <section className="panel transfer" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {s.evergreenTitle}
      </h2>
      <p className="muted">{s.evergreenHint}</p>
      <form className="transfer__evergreen-form" onSubmit={(e) => void save(e)} noValidate>
        <Field label={s.label} error={error}>
          <input value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} list={`${id}-labels`} required />
        </Field>
        <Field label={s.every}>
          <input type="number" min={1} value={form.every} onChange={(e) => setForm({ ...form, every: e.target.value })} />
        </Field>
        <Field label={s.stopDate}>
          <input type="date" value={form.stopDate} onChange={(e) => setForm({ ...form, stopDate: e.target.value })} />
        </Field>
        <button type="submit" className="button button--primary">
          {s.saveQueue}
        </button>
      </form>
      {(queues.data ?? []).length === 0 ? <p className="muted">{s.noQueues}</p> : null}
      <ul className="transfer__queues">
        {(queues.data ?? []).map((q) => (
          <li key={q.label} data-testid={`evergreen-queue-${q.label}`}>
            <strong>{q.label}</strong> · {s.every}: {q.minIntervalDays}
            {q.stopDate ? ` · ${s.stopDate}: ${q.stopDate}` : ''} · {s.queuePosts(q.posts.length)}{' '}
            <button type="button" className="button button--ghost button--small" onClick={() => void remove(q.label)}>
              {s.removeQueue}
            </button>
            <ul>
              {q.posts.map((p) => (
                <li key={p.postId}>
                  “{p.excerpt.slice(0, 60)}” — {p.upcoming ? s.nextRepost(formatDateTime(p.upcoming.at, app.timeZone)) : s.noRepost}
                  {p.warningList.map((w, i) => (
                    <p key={p.warnings[i] ?? i} className="transfer__problem transfer__problem--warning">
                      {wordProblem(w, p.warnings[i] ?? null, t)}
                    </p>
                  ))}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
