// Single-key shortcuts for the common actions; they stay out of the way while typing or when a dialog is open.

import { useEffect, useRef } from 'react';

/** Handlers by key as KeyboardEvent.key reports it ("n", "?", "/"); "mod+z" means Ctrl+Z or ⌘Z. */
export type ShortcutMap = Readonly<Record<string, () => void>>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** Whether a keyboard event should reach the shortcuts: not while typing, not while a modal dialog is open. */
export function shortcutKey(e: KeyboardEvent): string | null {
  if (e.defaultPrevented || e.isComposing || isTyping(e.target)) return null;
  if (document.querySelector('dialog:modal')) return null;
  if (e.altKey) return null;
  if (e.ctrlKey || e.metaKey) return `mod+${e.key.toLowerCase()}`;
  return e.key;
}

/** Calls the handler for a pressed key while `enabled`; the latest handlers are used without re-subscribing. */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const latest = useRef(map);
  latest.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const key = shortcutKey(e);
      if (key === null) return;
      const handler = latest.current[key];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
