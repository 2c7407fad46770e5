// Keyboard shortcut strings in Electron's accelerator format, checked the same way in Settings and in the shell.

/** Ctrl+Shift+K on Windows and Linux, Cmd+Shift+K on macOS. */
export const DEFAULT_QUICK_POST_SHORTCUT = 'CommandOrControl+Shift+K';

// Modifier spellings Electron accepts (case-insensitive), mapped to one canonical name each.
const MODIFIERS: Readonly<Record<string, string>> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};
const MODIFIER_ORDER = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
] as const;
const NAMED_BY_LOWER = new Map<string, string>(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"']);

export type AcceleratorCheck = { readonly ok: true; readonly accelerator: string } | { readonly ok: false; readonly error: string };

function canonicalKey(raw: string): string | null {
  if (/^[a-z0-9]$/i.test(raw)) return raw.toUpperCase();
  if (/^f([1-9]|1\d|2[0-4])$/i.test(raw)) return raw.toUpperCase();
  if (PUNCTUATION.has(raw)) return raw;
  return NAMED_BY_LOWER.get(raw.toLowerCase()) ?? null;
}

/**
 * Checks a global shortcut and writes it the canonical way ("ctrl+shift+k" → "Control+Shift+K").
 * A global shortcut needs a modifier, so typing in any app cannot trigger it; F1–F24 may stand alone.
 */
export function checkAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Type a shortcut, such as CommandOrControl+Shift+K.' };
  // "+" is both the separator and a key; Electron spells the key "Plus".
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return { ok: false, error: `"${text}" has an empty part; write the plus key as "Plus".` };
  const modifiers = new Set<string>();
  let key: string | null = null;
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier) {
      modifiers.add(modifier);
      continue;
    }
    const k = canonicalKey(part);
    if (k === null) return { ok: false, error: `"${part}" is not a key Kairos knows; use letters, digits, F1–F24 or names like Space.` };
    if (key !== null) return { ok: false, error: `"${text}" has two keys; a shortcut is modifiers plus one key, like Control+Shift+K.` };
    key = k;
  }
  if (key === null) return { ok: false, error: `"${text}" has no key; add one after the modifiers, like Control+Shift+K.` };
  if (modifiers.size === 0 && !/^F\d+$/.test(key)) {
    return { ok: false, error: `"${text}" needs a modifier (Control, Alt, Shift, Command) so that ordinary typing cannot trigger it.` };
  }
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.has(m));
  return { ok: true, accelerator: [...ordered, key].join('+') };
}

/** The shortcut as people read it on this platform: "Ctrl+Shift+K" or "Cmd+Shift+K". */
export function describeAccelerator(accelerator: string, platform: 'mac' | 'other'): string {
  return accelerator
    .split('+')
    .map((p) => {
      if (p === 'CommandOrControl') return platform === 'mac' ? 'Cmd' : 'Ctrl';
      if (p === 'Command') return 'Cmd';
      if (p === 'Control') return 'Ctrl';
      if (p === 'Alt' && platform === 'mac') return 'Option';
      return p;
    })
    .join('+');
}
