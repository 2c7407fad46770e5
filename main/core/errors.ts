// The error type handlers throw; the backend turns it into the Result envelope.

import {
  type ErrorCode,
  type Problem,
  type ProblemCode,
  type ProblemParams,
  problem,
  problemKind,
  type Thing,
  wordsFor,
} from '../../shared/contract';

/**
 * An expected failure: a problem from the catalog (code + params), the field it concerns, and its kind (the
 * catalog's unless given: a network's reason can be auth_required, unreachable or platform_error). The Error's
 * message is the problem's English words, for the CLI, logs and scripts.
 */
export class KairosError extends Error {
  readonly code: ErrorCode;

  constructor(
    readonly problem: Problem,
    readonly field?: string,
    kind?: ErrorCode,
  ) {
    super(wordsFor(problem));
    this.name = 'KairosError';
    this.code = kind ?? problemKind(problem);
  }
}

/** A KairosError for a catalog code: `fail('time_zone_unknown', { timeZone }, 'timeZone')`. */
export const fail = <K extends ProblemCode>(code: K, params: ProblemParams<K>, field?: string) =>
  new KairosError(problem(code, params), field);
export const notFound = (thing: Thing, name?: string) =>
  new KairosError(problem('not_found', name === undefined ? { thing } : { thing, name }));
export { problem } from '../../shared/contract';

/** A reply's DST note: its English words (for the CLI and scripts) and its problem (for pages to word). */
export const timeNoteOf = (p: Problem | null): { timeNote: string | null; timeNoteProblem: Problem | null } => ({
  timeNote: p === null ? null : wordsFor(p),
  timeNoteProblem: p,
});

/** What an error says, as a problem: a KairosError's own, else its text carried as the network's (or adapter's) words. */
export const problemOfError = (e: unknown): Problem =>
  e instanceof KairosError ? e.problem : problem('platform_said', { reason: e instanceof Error ? e.message : String(e) });
