// A comment box with @mention suggestions: type @ and the start of a name, pick with the arrow keys and Enter (or a
// click); the whole name goes in, which is how the server recognises the person.

import { useId, useRef, useState } from 'react';
import { useStrings } from '../i18n';
import { applyMention, type MentionQuery, mentionQueryAt, suggestMentions } from './mentions';
import type { Mentionable } from './types';

export interface CommentBoxProps {
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly people: readonly Mentionable[];
  readonly disabled?: boolean;
  readonly autoFocus?: boolean;
}

export function CommentBox({ label, hint, value, onChange, people, disabled, autoFocus }: CommentBoxProps) {
  const t = useStrings().team.comments;
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = query && people.length > 0 ? suggestMentions(query.query, people) : [];
  const open = suggestions.length > 0;

  const look = (text: string, caret: number) => {
    setQuery(mentionQueryAt(text, caret));
    setActive(0);
  };
  const pick = (person: Mentionable) => {
    const el = box.current;
    if (!el || !query) return;
    const done = applyMention(value, el.selectionStart, query, person);
    onChange(done.text);
    setQuery(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(done.caret, done.caret);
    });
  };

  return (
    <div className="field ws-comment-box">
      <label className="field__label" htmlFor={`${id}-box`}>
        {label}
      </label>
      <textarea
        ref={box}
        id={`${id}-box`}
        rows={3}
        value={value}
        disabled={disabled}
        // biome-ignore lint/a11y/noAutofocus: opened on purpose (edit, reply), where typing comes next.
        autoFocus={autoFocus}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-autocomplete="list"
        aria-controls={open ? `${id}-list` : undefined}
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          look(e.target.value, e.target.selectionStart);
        }}
        onClick={(e) => look(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            const person = suggestions[active];
            if (person) pick(person);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setQuery(null);
          }
        }}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {open ? (
        <div className="ws-mentions" id={`${id}-list`} role="listbox" aria-label={t.suggestions}>
          {suggestions.map((p, i) => (
            <div
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`menu__item${i === active ? ' ws-mentions__active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
            >
              {p.displayName} <span className="muted">@{p.handle}</span>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
