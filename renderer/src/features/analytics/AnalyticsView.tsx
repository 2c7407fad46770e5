// The Analytics view: a period in the user's zone, account and label filters, headline cards, charts, posts, the audience, export.

import { useState } from 'react';
import type { AnalyticsView as AnalyticsData, ReportFormat } from '../../../../shared/analytics';
import { invoke } from '../../api/client';
import { useLiveQuery, useNow } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useLanguage, useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { AudienceSection } from './AudienceSection';
import { changeText, downloadBase64, type PeriodChoice, periodFor, trendOf } from './analyticsModel';
import { EngagementChart, HeatMap, NetworkChart } from './charts';
import { PostNumbersDialog } from './PostNumbersDialog';
import { PostRanking } from './PostRanking';
import { ReportSchedules } from './ReportSchedules';
import './analytics.css';

const CHOICES: readonly PeriodChoice[] = ['7', '28', '90', 'custom'];
const FORMATS: readonly ReportFormat[] = ['pdf', 'html', 'csv', 'json'];

export function AnalyticsView() {
  const t = useStrings();
  const a = t.analytics;
  const lang = useLanguage();
  const app = useAppData();
  const notify = useNotify();
  const now = useNow(15 * 60_000);
  const [choice, setChoice] = useState<PeriodChoice>('28');
  const [custom, setCustom] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [accountIds, setAccountIds] = useState<readonly string[]>([]);
  const [label, setLabel] = useState('');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [busy, setBusy] = useState<'export' | 'refresh' | null>(null);
  const [openPost, setOpenPost] = useState<string | null>(null);
  const period = periodFor(choice, now, app.timeZone, custom);
  const query = {
    from: period.from,
    to: period.to,
    timeZone: app.timeZone,
    ...(accountIds.length ? { accountIds: [...accountIds] } : {}),
    ...(label ? { labels: [label] } : {}),
  };
  const view = useLiveQuery<AnalyticsData>(
    JSON.stringify(query),
    () => invoke('analytics.view', query),
    (e) => e.type === 'metrics.updated' || e.type === 'accounts.changed',
  );
  const data = view.data;

  async function exportReport() {
    setBusy('export');
    const r = await invoke('reports.export', { query, format, locale: lang });
    setBusy(null);
    if (!r.ok) {
      notify({ message: messageFor(r.error), tone: 'danger' });
      return;
    }
    downloadBase64(r.value.fileName, r.value.mime, r.value.base64);
    notify({ message: a.exported(r.value.fileName), tone: 'success' });
  }

  async function refresh() {
    setBusy('refresh');
    const r = await invoke('metrics.refresh', {});
    setBusy(null);
    if (!r.ok) notify({ message: messageFor(r.error), tone: 'danger' });
    else if (r.value.problems.length)
      notify({ message: a.refreshProblems(r.value.problems.map((p) => wordProblem(p.problem, p.message, t)).join(' ')), tone: 'warning' });
    else notify({ message: a.refreshed(r.value.snapshots + r.value.deleted), tone: 'success' });
    view.reload();
  }

  const toggleAccount = (id: string) => setAccountIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <div className="view view--analytics">
      <header className="view__header">
        <div>
          <h1 className="view__title">{a.title}</h1>
          <p className="view__meta">{a.intro}</p>
        </div>
        <div className="analytics__actions">
          <button type="button" className="button button--ghost" onClick={() => void refresh()} disabled={busy !== null}>
            {a.refresh}
          </button>
          <label className="analytics__format">
            <span className="sr-only">{a.exportFormat}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)} aria-label={a.exportFormat}>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {a.formats[f]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--primary" onClick={() => void exportReport()} disabled={busy !== null}>
            {busy === 'export' ? a.exporting : a.export}
          </button>
        </div>
      </header>

      <section className="analytics__filters panel" aria-label={a.period}>
        <fieldset className="analytics__periods">
          <legend className="field__label">{a.period}</legend>
          {CHOICES.map((c) => (
            <label key={c} className={`chip${choice === c ? ' chip--on' : ''}`}>
              <input type="radio" name="analytics-period" value={c} checked={choice === c} onChange={() => setChoice(c)} />
              {a.periods[c]}
            </label>
          ))}
        </fieldset>
        {choice === 'custom' ? (
          <div className="analytics__custom">
            <Field label={a.from}>
              <input
                type="date"
                value={period.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value, to: c.to || period.to }))}
              />
            </Field>
            <Field label={a.to}>
              <input
                type="date"
                value={period.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value, from: c.from || period.from }))}
              />
            </Field>
          </div>
        ) : null}
        <fieldset className="analytics__accounts">
          <legend className="field__label">{a.accounts}</legend>
          {app.accounts.map((acc) => (
            <label key={acc.id} className={`chip${accountIds.includes(acc.id) ? ' chip--on' : ''}`}>
              <input type="checkbox" checked={accountIds.includes(acc.id)} onChange={() => toggleAccount(acc.id)} />
              {acc.name}
            </label>
          ))}
          {accountIds.length === 0 ? <span className="analytics__all">{a.allAccounts}</span> : null}
        </fieldset>
        {data?.labels.length ? (
          <Field label={a.labels}>
            <select value={label} onChange={(e) => setLabel(e.target.value)}>
              <option value="">{a.allLabels}</option>
              {data.labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <p className="view__meta">{a.timesIn(app.timeZone, period.from, period.to)}</p>
      </section>

      {view.status === 'error' ? (
        <p className="callout callout--danger" role="alert">
          {t.errors.loadFailed} {messageFor(view.error)}
        </p>
      ) : null}

      {data ? (
        <>
          <section className="analytics__cards" aria-label={a.title}>
            {data.headline.map((h) => {
              const change = changeText(h, lang);
              const value = h.key === 'followers' && h.value > 0 ? `+${h.value.toLocaleString(lang)}` : h.value.toLocaleString(lang);
              return (
                <div key={h.key} className="analytics__card" data-testid={`headline-${h.key}`}>
                  <p className="analytics__card-label">{a.headline[h.key]}</p>
                  <p className="analytics__card-value">{value}</p>
                  <p className={`analytics__card-change analytics__card-change--${trendOf(h)}`}>
                    {change === null ? a.noPrevious : a.change(change)}
                  </p>
                </div>
              );
            })}
          </section>
          {data.withoutNumbers.length ? (
            <p className="callout" role="note">
              {a.noNumbers(data.withoutNumbers.map((x) => x.name).join(', '))}
            </p>
          ) : null}
          <div className="analytics__grid">
            <EngagementChart points={data.overTime} />
            <NetworkChart networks={data.networks} />
            <HeatMap grid={data.heatmap} />
          </div>
          {data.top.length === 0 ? (
            <EmptyState title={a.noPosts} hint={a.noPostsHint} />
          ) : (
            <div className="analytics__grid">
              <PostRanking title={a.top} posts={data.top} onOpen={setOpenPost} />
              {data.bottom.length ? <PostRanking title={a.bottom} posts={data.bottom} onOpen={setOpenPost} /> : null}
            </div>
          )}
          <AudienceSection data={data} />
          <section className="panel" aria-labelledby="analytics-sources">
            <h2 className="section-title" id="analytics-sources">
              {a.sources}
            </h2>
            <ul>
              {[...new Set(data.networks.map((n) => n.source))].map((s) => (
                <li key={s}>{a.source[s]}</li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
      <ReportSchedules />
      {openPost ? <PostNumbersDialog postId={openPost} onClose={() => setOpenPost(null)} /> : null}
    </div>
  );
}
