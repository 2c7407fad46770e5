// Parsing text that may not be what it claims, without try/catch at every call: each helper answers "not that"
// for the one error its parser throws on bad input and lets every other error through.

/** The parsed value, or undefined when the text is not JSON (JSON.parse never returns undefined). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/** A JSON object's fields, or null when the text is not JSON or not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  const value = parseJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The URL, or null when the text (against `base`, if given) is not one. */
export function parseUrl(text: string, base?: string | URL): URL | null {
  const from = base === undefined ? undefined : String(base);
  return URL.canParse(text, from) ? new URL(text, from) : null;
}

/** The text, or null when the bytes are not valid UTF-8. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    // A fatal TextDecoder reports malformed input with a TypeError (WHATWG Encoding).
    if (e instanceof TypeError) return null;
    throw e;
  }
}

/** A Node system error (ENOENT, EPERM, ...) has a string `code`. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}
