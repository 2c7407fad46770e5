// Makes text from users and servers safe to print on a terminal: no escape sequences, controls or bidi overrides.

// Whole escape sequences go, payload included: CSI (colours, cursor moves), OSC (window title, hyperlinks,
// clipboard writes) ended by BEL or ST or nothing, and DCS/SOS/PM/APC strings; then any other ESC + one character.
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this file is for.
  /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?|\x1b[\s\S]?|\x9b[0-?]*[ -/]*[@-~]?|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;
// C0 controls but tab and newline, DEL, C1 controls, and the characters that reorder or hide text:
// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), marks (U+200E, U+200F, U+061C),
// line and paragraph separators, and the zero-width space, word joiners and BOM (the joiners U+200C/U+200D stay: emoji and several scripts need them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this file is for.
const UNSAFE_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** For multi-line output: keeps newlines and tabs, removes everything a terminal would act on. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE_CHARACTER, '');
}

/** For a name or excerpt printed inside one line: newlines and tabs become spaces, so it cannot fake a line. */
export function terminalSafeInline(text: string): string {
  return terminalSafe(text).replace(/[\t\n]/g, ' ');
}

/**
 * For JSON output: the same characters become \uXXXX escapes, which keep the JSON valid and its values exact
 * for a script, while the terminal sees none of them.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_CHARACTER, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Wraps the CLI's output so every line, whatever command wrote it, reaches the terminal safe. */
export function terminalSafeOutput<T extends { out(line: string): void; err(line: string): void }>(io: T, json: boolean): T {
  return {
    ...io,
    out: (line: string) => io.out(json ? terminalSafeJson(line) : terminalSafe(line)),
    err: (line: string) => io.err(terminalSafe(line)),
  };
}
