// Stored JSON read back through its schema: a damaged value says what is damaged, never a zod dump or a crash later.

import { z } from 'zod';
import { type Problem, problem, type StoredItem } from '../../../shared/contract';
import { KairosError } from '../errors';

/** A value the database holds that no longer has the shape Kairos wrote (edited by hand, a bad copy, a bug). */
export class StoredDataError extends KairosError {
  constructor(item: StoredItem, name: string, at: string | null) {
    super(problem('stored_value_damaged', { item, name, at }));
    this.name = 'StoredDataError';
  }
}

/** Where the first problem is; never the value itself (it may hold a secret). */
function whereWrong(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue || issue.path.length === 0) return 'the whole value';
  return issue.path.map(String).join('.');
}

/** Checks an already decoded value against its schema; `item` and `name` say whose value it is. */
export function checkStored<S extends z.ZodType>(schema: S, value: unknown, item: StoredItem, name: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new StoredDataError(item, name, whereWrong(r.error));
  return r.data;
}

/** Decodes stored JSON text and checks it against its schema. */
export function parseStored<S extends z.ZodType>(schema: S, json: string, item: StoredItem, name: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new StoredDataError(item, name, null);
  }
  return checkStored(schema, value, item, name);
}

export const StringListSchema = z.array(z.string());
export const StringMapSchema = z.record(z.string(), z.string());
export const ConfigSchema = z.record(z.string(), z.unknown());

/**
 * A note stored as a catalog problem (migration 0013), read through its schema. A note that is not what Kairos
 * wrote falls back to its English text (kept beside it), so a damaged note never hides what it says.
 */
export function readStoredNote<S extends z.ZodType<Problem>>(schema: S, json: string | null, english: string): Problem {
  if (json !== null) {
    try {
      const r = schema.safeParse(JSON.parse(json));
      if (r.success) return r.data;
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
    }
  }
  return problem('earlier_note', { text: english });
}
