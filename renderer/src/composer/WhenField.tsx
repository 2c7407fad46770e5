// When the post goes: date, time and zone, what DST does to that time in words, and the next free queue slot.

import { type Ref, useEffect, useState } from 'react';
import type { NextSlot } from '../../../shared/contract/queue';
import { invoke } from '../api/client';
import { Field } from '../components/Field';
import { formatDateTime, knownTimeZones } from '../format/dates';
import { useStrings, wordProblem } from '../i18n';
import type { ComposerForm } from './composerModel';
import { describeWall } from './whenModel';

export interface WhenFieldProps {
  readonly form: ComposerForm;
  readonly onChange: (patch: Partial<ComposerForm>) => void;
  readonly errors: { readonly when?: string | undefined; readonly timeZone?: string | undefined };
  readonly disabled: boolean;
  readonly refs: { readonly date: Ref<HTMLInputElement>; readonly timeZone: Ref<HTMLInputElement> };
  readonly now: number;
}

const ZONE_LIST_ID = 'composer-time-zones';

export function WhenField({ form, onChange, errors, disabled, refs, now }: WhenFieldProps) {
  const t = useStrings();
  const described = describeWall(form.date, form.time, form.timeZone, now);
  const pastNote = described.past ? t.when.past : null;
  const slot = useNextSlot(form.accountIds);
  return (
    <section className="when" aria-label={t.when.title}>
      <div className="composer__when">
        <Field label={t.composer.date} error={errors.when ?? null}>
          <input ref={refs.date} type="date" value={form.date} onChange={(e) => onChange({ date: e.target.value })} disabled={disabled} />
        </Field>
        <Field label={t.composer.time}>
          <input type="time" value={form.time} onChange={(e) => onChange({ time: e.target.value })} disabled={disabled} />
        </Field>
        <Field label={t.composer.timeZone} error={errors.timeZone ?? null} className="composer__zone">
          <input
            ref={refs.timeZone}
            type="text"
            list={ZONE_LIST_ID}
            value={form.timeZone}
            onChange={(e) => onChange({ timeZone: e.target.value })}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
          />
        </Field>
        <datalist id={ZONE_LIST_ID}>
          {knownTimeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <div aria-live="polite" className="when__notes">
        {described.note ? (
          <p className={`callout ${described.state === 'invalid' ? 'callout--danger' : 'callout--info'}`}>{described.note}</p>
        ) : null}
        {pastNote ? <p className="callout callout--danger">{pastNote}</p> : null}
      </div>
      {slot ? (
        <p className="muted when__queue">
          {t.when.nextSlot(formatDateTime(slot.at, slot.timeZone))}
          {slot.note ? ` ${wordProblem(slot.noteProblem, slot.note, t)}` : ''}
        </p>
      ) : null}
    </section>
  );
}

/** The next free posting slot of the chosen accounts, for the "Add to queue" button's hint. */
export function useNextSlot(accountIds: readonly string[]): NextSlot | null {
  const [slot, setSlot] = useState<NextSlot | null>(null);
  const key = accountIds.join(',');
  useEffect(() => {
    if (key === '') {
      setSlot(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      void invoke('queue.nextSlot', { accountIds: key.split(',') }).then((r) => {
        if (live) setSlot(r.ok ? r.value : null);
      });
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key]);
  return slot;
}
