// The reply envelope every shell returns, and the error codes a caller can act on.

import type { ErrorCode } from './errorCodes';
import { type Problem, type ProblemCode, type ProblemParams, problem, problemKind, wordsFor } from './problems';

export { ERROR_CODES, type ErrorCode } from './errorCodes';

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

/** The envelope's error for a problem: its kind (the catalog's unless given), the problem, its English words. */
export function errorInfo(p: Problem, field?: string, kind?: ErrorCode): ErrorInfo {
  const base = { code: kind ?? problemKind(p), problem: p, message: wordsFor(p) };
  return field === undefined ? base : { ...base, field };
}

/** A failed Result for a catalog code. */
export const failure = <K extends ProblemCode>(code: K, params: ProblemParams<K>, field?: string) =>
  ({ ok: false, error: errorInfo(problem(code, params), field) }) as const;
