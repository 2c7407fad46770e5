// Request and reply shapes shared by the fake server's route files, and the parameter reader for JSON, form and multipart bodies.

import type { IncomingHttpHeaders } from 'node:http';
import type { FakeToken } from './state';

/** Reads Rails-style parameters (`poll[options][]`) from a JSON body, a url-encoded form or multipart form data alike. */
export class Params {
  constructor(
    private readonly json: Record<string, unknown> | null,
    private readonly form: URLSearchParams | FormData | null,
  ) {}

  #path(name: string): { keys: string[]; array: boolean } {
    const array = name.endsWith('[]');
    const base = array ? name.slice(0, -2) : name;
    const keys = base.split('[').map((k) => k.replace(/]$/, ''));
    return { keys, array };
  }

  #fromJson(name: string): unknown {
    let cur: unknown = this.json;
    for (const k of this.#path(name).keys) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[k];
    }
    return cur;
  }

  has(name: string): boolean {
    if (this.json) return this.#fromJson(name) !== undefined;
    return this.form?.has(name) ?? false;
  }

  string(name: string): string | undefined {
    if (this.json) {
      const v = this.#fromJson(name);
      if (v === undefined || v === null) return undefined;
      return typeof v === 'string' ? v : String(v);
    }
    const v = this.form?.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  strings(name: string): string[] {
    if (this.json) {
      const v = this.#fromJson(name.endsWith('[]') ? name : `${name}[]`);
      if (Array.isArray(v)) return v.map(String);
      if (typeof v === 'string') return v.split(/\s*\n\s*/u).filter(Boolean);
      return [];
    }
    const key = name.endsWith('[]') ? name : `${name}[]`;
    return (this.form?.getAll(key) ?? []).filter((x): x is string => typeof x === 'string');
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    return v === 'true' || v === '1';
  }

  file(name: string): File | null {
    const v = this.form instanceof FormData ? this.form.get(name) : null;
    return v instanceof File ? v : null;
  }
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly params: Params;
  /** The bearer token presented, when it is known and not revoked. */
  readonly token: FakeToken | null;
  /** True when an Authorization header was sent at all (to tell "missing" from "invalid"). */
  readonly presentedToken: boolean;
}

export interface FakeReply {
  readonly status: number;
  readonly json?: unknown;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Runs after the record was saved, to drop the connection before the reply (commit-then-drop). */
  readonly drop?: boolean;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): FakeReply =>
  headers ? { status, json: body, headers } : { status, json: body };
export const errorReply = (status: number, error: string): FakeReply => ({ status, json: { error } });
export const notFound = (): FakeReply => errorReply(404, 'Record not found');
export const unauthorized = (): FakeReply => errorReply(401, 'The access token is invalid');

/** Whether a token's scopes grant `needed` (a parent scope such as `write` grants `write:statuses`). */
export function hasScope(token: FakeToken, needed: string): boolean {
  const parent = needed.split(':')[0] as string;
  return token.scopes.some((s) => s === needed || s === parent);
}

export function requireUser(req: FakeRequest, scope: string): FakeReply | FakeToken {
  if (!req.token) return unauthorized();
  if (!hasScope(req.token, scope)) return errorReply(403, 'This action is outside the authorized scopes');
  return req.token;
}
