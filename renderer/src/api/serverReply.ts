// What a server's refusal means to this window. Browser mode answers in the contract's own envelope; a workspace
// server answers its refusals (no session, a role that may not, a channel it does not serve, its database away) with
// codes of its own and, from the routes the app calls, the catalog's problem. Callers branch on the contract's kinds
// and word the problem, so a refusal is brought to that shape here.

import { type ErrorInfo, isProblemCode, type Problem, problem, problemKind } from '../../../shared/contract';
import { ERROR_CODES, type ErrorCode } from '../../../shared/contract/errorCodes';

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/** The kind of a refusal whose code is not the contract's, from its HTTP status. */
function kindOfStatus(status: number): ErrorCode {
  if (status === 401) return 'auth_required';
  if (status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 413 || status === 415) return 'invalid_input';
  if (status === 502 || status === 503 || status === 504) return 'unreachable';
  return 'internal';
}

function knownProblem(value: unknown): Problem | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as { code?: unknown; params?: unknown };
  return isProblemCode(p.code) && typeof p.params === 'object' && p.params !== null ? (value as Problem) : null;
}

/**
 * A refusal in the contract's shape: its kind the contract's (the problem's, or the status's), a problem to word (the
 * server's own words as one when it sent none), and its English.
 */
export function refusalFrom(status: number, error: Readonly<Record<string, unknown>>): ErrorInfo {
  // The contract's own envelope (any backend's answer, browser mode's refusals) is passed on as it came.
  if (isErrorCode(error.code) && knownProblem(error.problem) && typeof error.message === 'string') return error as unknown as ErrorInfo;
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `HTTP ${status}`;
  const given = knownProblem(error.problem);
  const p = given ?? problem('workspace_refused', { reason: message });
  const code = isErrorCode(error.code) ? error.code : given ? problemKind(given) : kindOfStatus(status);
  return {
    code,
    problem: p,
    message,
    ...(typeof error.field === 'string' ? { field: error.field } : {}),
  };
}

/** A workspace server saying the person's session ended (browser mode's missing token is another code). */
export const sessionEnded = (status: number, error: Readonly<Record<string, unknown>>): boolean =>
  status === 401 && error.code === 'signed_out';

/** The workspace's sign-in page, coming back here (the view in the fragment too) once signed in. */
export function signInAddress(here: { readonly pathname: string; readonly search: string; readonly hash: string }): string {
  return `/sign-in?next=${encodeURIComponent(`${here.pathname}${here.search}${here.hash}`)}`;
}
