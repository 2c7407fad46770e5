// The reply envelope every shell returns, and the error codes a caller can act on.

import type { Problem } from './problems';

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
  /** The kind of error, what a caller branches on. */
  readonly code: ErrorCode;
  /** What exactly happened, as a catalog code and its params (shared/contract/problems.ts); pages word it. */
  readonly problem: Problem;
  /** The problem in English (the catalog's words): for the CLI, scripts and logs. Never contains a secret. */
  readonly message: string;
  /** The input field the error concerns, when there is one. */
  readonly field?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
