// The reply envelope every shell returns, and the error codes a caller can act on.

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

export interface ErrorInfo {
  readonly code: ErrorCode;
  /** A sentence a person can act on: what happened and what to do. Never contains a secret. */
  readonly message: string;
  /** The input field the error concerns, when there is one. */
  readonly field?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
