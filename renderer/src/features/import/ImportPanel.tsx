// The CSV import screen: drop a file, see every row with its problems, map unknown columns, then import all or nothing.

import { type DragEvent, useEffect, useId, useState } from 'react';
import type { ImportPreview } from '../../../../shared/contract/importExport';
import { IMPORT_FIELDS, type ImportField } from '../../../../shared/importExport/fields';
import { invoke } from '../../api/client';
import { Banner } from '../../components/Banner';
import { messageFor } from '../../composer/composerModel';
import { useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { fileAsBase64, rowsToShow } from './transferModel';

const ROW_LIMIT = 300;

interface Loaded {
  readonly fileName: string;
  readonly contentBase64: string;
}

interface Choices {
  readonly mapping: Record<string, ImportField> | null;
  readonly dateOrder: 'dmy' | 'mdy' | null;
  readonly defaultAccountIds: readonly string[];
}

export function ImportPanel({ droppedFile }: { readonly droppedFile: File | null }) {
  const t = useStrings();
  const s = t.importExport;
  const app = useAppData();
  const notify = useNotify();
  const id = useId();
  const [file, setFile] = useState<Loaded | null>(null);
  const [choices, setChoices] = useState<Choices>({ mapping: null, dateOrder: null, defaultAccountIds: [] });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [lastDropped, setLastDropped] = useState<File | null>(null);

  const request = (f: Loaded, c: Choices) => ({
    fileName: f.fileName,
    contentBase64: f.contentBase64,
    ...(c.mapping ? { mapping: c.mapping } : {}),
    ...(c.dateOrder ? { dateOrder: c.dateOrder } : {}),
    defaultAccountIds: [...c.defaultAccountIds],
  });

  async function check(f: Loaded, c: Choices) {
    setBusy(s.reading(f.fileName));
    const r = await invoke('import.preview', request(f, c));
    setBusy(null);
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else {
      setPreview(null);
      setError(messageFor(r.error));
    }
  }

  async function load(picked: File) {
    setDone(null);
    const loaded = { fileName: picked.name, contentBase64: await fileAsBase64(picked) };
    const fresh: Choices = { mapping: null, dateOrder: null, defaultAccountIds: choices.defaultAccountIds };
    setFile(loaded);
    setChoices(fresh);
    await check(loaded, fresh);
  }

  // A file dropped anywhere on the page comes in as if dropped on the box.
  useEffect(() => {
    if (droppedFile && droppedFile !== lastDropped) {
      setLastDropped(droppedFile);
      void load(droppedFile);
    }
  });

  function change(next: Partial<Choices>) {
    const c = { ...choices, ...next };
    setChoices(c);
    if (file) void check(file, c);
  }

  async function commit() {
    if (!file || !preview) return;
    setBusy(s.reading(file.fileName));
    const r = await invoke('import.commit', request(file, choices));
    setBusy(null);
    if (!r.ok) {
      setError(messageFor(r.error));
      return;
    }
    const message = s.imported(r.value.imported, r.value.scheduled, r.value.drafts);
    notify({ message, tone: 'success' });
    setDone(message);
    setPreview(null);
    setFile(null);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) void load(f);
  };

  const mapping = choices.mapping ?? preview?.mapping ?? {};
  const shown = preview ? rowsToShow(preview.rows, onlyProblems, ROW_LIMIT) : [];
  const canImport = preview !== null && !preview.needsMapping && preview.counts.withErrors === 0;

  return (
    <section className="panel transfer" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {s.importTitle}
      </h2>
      <p className="muted">{s.importHint}</p>
      <section
        className="dropzone"
        data-testid="import-dropzone"
        aria-label={s.drop}
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
      >
        <p>{s.drop}</p>
        <label className="button button--small">
          {s.pick}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            className="sr-only"
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void load(f);
              e.target.value = '';
            }}
          />
        </label>
      </section>
      {busy ? (
        <p className="muted" role="status">
          {busy}
        </p>
      ) : null}
      {error ? (
        <Banner tone="danger" title={s.error}>
          <p>{error}</p>
        </Banner>
      ) : null}
      {done ? (
        <p role="status" className="transfer__done">
          {done}
        </p>
      ) : null}
      {preview ? (
        <div className="transfer__preview" data-testid="import-preview">
          <p className="muted">{s.detected(preview.formatName, preview.encoding, preview.delimiter, preview.counts.rows)}</p>
          {preview.needsMapping || preview.format === 'custom' ? (
            <fieldset className="transfer__mapping">
              <legend className="field__label">{s.mappingTitle}</legend>
              <p className="muted">{s.mappingHint}</p>
              {preview.headers.map((h) => (
                <label key={h} className="transfer__map">
                  <span>{h}</span>
                  <select
                    value={mapping[h] ?? 'ignore'}
                    onChange={(e) => change({ mapping: { ...mapping, [h]: e.target.value as ImportField } })}
                  >
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {s.fields[f]}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          ) : null}
          {preview.needsDateOrder || choices.dateOrder ? (
            <label className="transfer__map">
              <span>{s.dateOrder}</span>
              <select
                value={choices.dateOrder ?? ''}
                onChange={(e) => change({ dateOrder: (e.target.value || null) as Choices['dateOrder'] })}
              >
                <option value="">—</option>
                <option value="dmy">{s.dateOrderDmy}</option>
                <option value="mdy">{s.dateOrderMdy}</option>
              </select>
            </label>
          ) : null}
          {preview.rowsWithoutAccount > 0 || choices.defaultAccountIds.length > 0 ? (
            <fieldset className="transfer__accounts">
              <legend className="field__label">{s.defaultAccounts}</legend>
              {app.accounts.map((a) => (
                <label key={a.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={choices.defaultAccountIds.includes(a.id)}
                    onChange={(e) =>
                      change({
                        defaultAccountIds: e.target.checked
                          ? [...choices.defaultAccountIds, a.id]
                          : choices.defaultAccountIds.filter((x) => x !== a.id),
                      })
                    }
                  />
                  {a.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <p className="transfer__counts" role="status" data-testid="import-counts">
            {s.counts(preview.counts.ready, preview.counts.withErrors, preview.counts.withWarnings)}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
            {s.onlyProblems}
          </label>
          <div className="transfer__table-wrap">
            <table className="transfer__table">
              <thead>
                <tr>
                  <th scope="col">{s.line}</th>
                  <th scope="col">{s.when}</th>
                  <th scope="col">{s.accounts}</th>
                  <th scope="col">{s.text}</th>
                  <th scope="col">{s.problems}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.line} data-has-error={r.problems.some((p) => p.level === 'error') || undefined}>
                    <td>{r.line}</td>
                    <td>{r.at === null ? s.draft : `${r.wallDate} ${r.wallTime}`}</td>
                    <td>{r.accounts.join(', ') || s.none}</td>
                    <td className="transfer__excerpt">{r.excerpt}</td>
                    <td>
                      <ul className="transfer__problems">
                        {r.problems.map((p) => (
                          <li key={`${p.field}-${p.message}`} className={`transfer__problem transfer__problem--${p.level}`}>
                            <strong>{p.level === 'error' ? s.error : s.note}:</strong> {wordProblem(p.problem, p.message, t)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length < preview.rows.length ? <p className="muted">{s.shown(shown.length, preview.rows.length)}</p> : null}
          {preview.counts.withErrors > 0 ? <p className="field__error">{s.fixFirst(preview.counts.withErrors)}</p> : null}
          <button type="button" className="button button--primary" disabled={!canImport || busy !== null} onClick={() => void commit()}>
            {s.importButton(preview.counts.rows)}
          </button>
        </div>
      ) : null}
    </section>
  );
}
