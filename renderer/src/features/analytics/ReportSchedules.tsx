// Scheduled reports: weekly or monthly, in a format, written to a folder the user names; listed with their last result.

import { type FormEvent, useState } from 'react';
import type { ReportFormat, ReportSchedule } from '../../../../shared/analytics';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { formatDateTime } from '../../format/dates';
import { useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';

const FORMATS: readonly ReportFormat[] = ['pdf', 'html', 'csv', 'json'];

export function ReportSchedules() {
  const t = useStrings();
  const s = t.analytics.schedules;
  const app = useAppData();
  const notify = useNotify();
  const list = useLiveQuery<ReportSchedule[]>(
    'report-schedules',
    () => invoke('reports.schedules.list', {}),
    (e) => e.type === 'report.written',
  );
  const [cadence, setCadence] = useState<'weekly' | 'monthly'>('weekly');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    const r = await invoke('reports.schedules.add', { cadence, format, folder: folder.trim() });
    if (!r.ok) {
      setError(messageFor(r.error));
      return;
    }
    setError(null);
    setFolder('');
    notify({ message: s.added, tone: 'success' });
    list.reload();
  }

  async function remove(id: string) {
    const r = await invoke('reports.schedules.remove', { id });
    if (!r.ok) notify({ message: messageFor(r.error), tone: 'danger' });
    list.reload();
  }

  return (
    <section className="panel" aria-labelledby="analytics-schedules">
      <h2 className="section-title" id="analytics-schedules">
        {s.title}
      </h2>
      <p className="view__meta">{s.hint}</p>
      {list.data?.length ? (
        <ul className="analytics__schedules">
          {list.data.map((x) => (
            <li key={x.id}>
              <strong>{s.cadences[x.cadence]}</strong> · {t.analytics.formats[x.format]} · <code>{x.folder}</code>
              <p className="view__meta">
                {x.lastWrittenAt !== null && x.lastPeriodEnd
                  ? s.written(formatDateTime(x.lastWrittenAt, app.timeZone), x.lastPeriodEnd)
                  : s.notYet}
              </p>
              {x.lastError ? (
                <p className="field__error" role="alert">
                  {wordProblem(x.lastErrorProblem, x.lastError, t)}
                </p>
              ) : null}
              <button type="button" className="button button--ghost button--small" onClick={() => void remove(x.id)}>
                {s.remove}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{s.none}</p>
      )}
      <form className="analytics__schedule-form" onSubmit={(e) => void add(e)}>
        <Field label={s.cadence}>
          <select value={cadence} onChange={(e) => setCadence(e.target.value as 'weekly' | 'monthly')}>
            <option value="weekly">{s.cadences.weekly}</option>
            <option value="monthly">{s.cadences.monthly}</option>
          </select>
        </Field>
        <Field label={t.analytics.exportFormat}>
          <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t.analytics.formats[f]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={s.folder} hint={s.folderHint} error={error}>
          <input type="text" value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={folder.trim() === ''}>
            {s.add}
          </button>
        </div>
      </form>
    </section>
  );
}
