// The kinds of error a caller can act on: the envelope's `code`.

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'platform_error',
  'auth_required',
  'unreachable',
  'storage_error',
  'unauthorized',
  /** The channel exists, but not for this shell (a page asking for what only the CLI may do). */
  'not_allowed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
