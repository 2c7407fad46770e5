// The date, time and zone inputs shared by the dialogs that move or schedule one post.

import { useId } from 'react';
import { knownTimeZones } from '../format/dates';
import { useStrings } from '../i18n';
import { Field } from './Field';

export interface WhenFieldsProps {
  readonly date: string;
  readonly time: string;
  readonly timeZone: string;
  readonly onDate: (date: string) => void;
  readonly onTime: (time: string) => void;
  readonly onTimeZone: (timeZone: string) => void;
  /** Shown under the date, which is where the eye starts reading the three. */
  readonly error: string | null;
}

export function WhenFields({ date, time, timeZone, onDate, onTime, onTimeZone, error }: WhenFieldsProps) {
  const t = useStrings();
  // Per instance, so two of these on one page never share (or fight over) a zone list.
  const zoneListId = useId();
  return (
    <div className="composer__when">
      <Field label={t.composer.date} error={error}>
        <input type="date" value={date} onChange={(e) => onDate(e.target.value)} required />
      </Field>
      <Field label={t.composer.time}>
        <input type="time" value={time} onChange={(e) => onTime(e.target.value)} required />
      </Field>
      <Field label={t.composer.timeZone}>
        <input
          type="text"
          list={zoneListId}
          value={timeZone}
          onChange={(e) => onTimeZone(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <datalist id={zoneListId}>
        {knownTimeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </div>
  );
}
