// The error type handlers throw; the backend turns it into the Result envelope.

import type { ErrorCode } from '../../shared/contract';

export class KairosError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'KairosError';
  }
}

export const invalid = (message: string, field?: string) => new KairosError('invalid_input', message, field);
export const notFound = (what: string) => new KairosError('not_found', `${what} was not found.`);
