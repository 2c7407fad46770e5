// Stored JSON read back through its schema: a damaged value says what is damaged, never a zod dump or a crash later.

import { z } from 'zod';
import { KairosError } from '../errors';

/** A value the database holds that no longer has the shape Kairos wrote (edited by hand, a bad copy, a bug). */
export class StoredDataError extends KairosError {
  constructor(
    readonly what: string,
    readonly problem: string,
  ) {
    super(
      'storage_error',
      `Kairos could not read ${what}: the saved value is damaged (${problem}). Save it again, or restore a backup from Settings.`,
    );
    this.name = 'StoredDataError';
  }
}

/** Where the first problem is and what it is; never the value itself (it may hold a secret). */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const at = issue.path.length ? issue.path.map(String).join('.') : 'the whole value';
  return `${at}: ${issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.code.replace(/_/g, ' ')}`;
}

/** Checks an already decoded value against its schema. */
export function checkStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new StoredDataError(what, describeIssue(r.error));
  return r.data;
}

/** Decodes stored JSON text and checks it against its schema; `what` names it for the person reading the error. */
export function parseStored<S extends z.ZodType>(schema: S, json: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StoredDataError(what, 'not valid JSON');
  }
  return checkStored(schema, value, what);
}

export const StringListSchema = z.array(z.string());
export const StringMapSchema = z.record(z.string(), z.string());
export const ConfigSchema = z.record(z.string(), z.unknown());
