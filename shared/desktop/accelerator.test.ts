// Tests for global shortcut checking: canonical spelling, what is refused and why, how it reads per platform.

import { describe, expect, it } from 'vitest';
import { checkAccelerator, DEFAULT_QUICK_POST_SHORTCUT, describeAccelerator } from './accelerator';

describe('checkAccelerator', () => {
  it('accepts the default and writes shortcuts the canonical way', () => {
    expect(checkAccelerator(DEFAULT_QUICK_POST_SHORTCUT)).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+K' });
    expect(checkAccelerator(' shift + ctrl + k ')).toEqual({ ok: true, accelerator: 'Control+Shift+K' });
    expect(checkAccelerator('CmdOrCtrl+Option+space')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+Space' });
    expect(checkAccelerator('meta+alt+/')).toEqual({ ok: true, accelerator: 'Alt+Super+/' });
    expect(checkAccelerator('Ctrl+Shift+Plus')).toEqual({ ok: true, accelerator: 'Control+Shift+Plus' });
    expect(checkAccelerator('F9')).toEqual({ ok: true, accelerator: 'F9' });
  });

  it('refuses what the system could not register, saying why', () => {
    expect(checkAccelerator('')).toEqual({ ok: false, error: 'Type a shortcut, such as CommandOrControl+Shift+K.' });
    expect(checkAccelerator('K')).toEqual({
      ok: false,
      error: '"K" needs a modifier (Control, Alt, Shift, Command) so that ordinary typing cannot trigger it.',
    });
    expect(checkAccelerator('Ctrl+Shift')).toEqual({
      ok: false,
      error: '"Ctrl+Shift" has no key; add one after the modifiers, like Control+Shift+K.',
    });
    expect(checkAccelerator('Ctrl+K+J')).toEqual({
      ok: false,
      error: '"Ctrl+K+J" has two keys; a shortcut is modifiers plus one key, like Control+Shift+K.',
    });
    expect(checkAccelerator('Ctrl+Hyper+K')).toEqual({
      ok: false,
      error: '"Hyper" is not a key Kairos knows; use letters, digits, F1–F24 or names like Space.',
    });
    expect(checkAccelerator('Ctrl++')).toEqual({ ok: false, error: '"Ctrl++" has an empty part; write the plus key as "Plus".' });
    expect(checkAccelerator('F25').ok).toBe(false);
  });
});

describe('describeAccelerator', () => {
  it('reads as Ctrl on Windows and Linux and Cmd on macOS', () => {
    expect(describeAccelerator('CommandOrControl+Shift+K', 'other')).toBe('Ctrl+Shift+K');
    expect(describeAccelerator('CommandOrControl+Shift+K', 'mac')).toBe('Cmd+Shift+K');
    expect(describeAccelerator('Control+Alt+P', 'mac')).toBe('Ctrl+Option+P');
  });
});
