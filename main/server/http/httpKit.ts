// What the workspace server's route modules share: the JSON answer, the refusal with its status, and reading a body.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from '../../../shared/contract';

/**
 * A refusal with an HTTP status and the { code, message } every error answer carries; on the routes the app calls,
 * also the catalog's problem, so the app words it in the person's language as it words its backend's.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly problem?: Problem,
  ) {
    super(message);
  }
}

export const JSON_LIMIT = 64 * 1024;

export const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export const failure = (code: string, message: string, problem?: Problem) => ({
  ok: false,
  error: problem ? { code, problem, message } : { code, message },
});

export async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, 'too_large', `The request is larger than ${Math.round(max / 1024)} KB.`, { connection: 'close' });
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw tooLarge();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, max = JSON_LIMIT): Promise<Record<string, unknown>> {
  const text = (await readBody(req, max)).toString('utf8');
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_input', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'invalid_input', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

export function text(body: Record<string, unknown>, name: string, what: string): string {
  const v = body[name];
  if (typeof v !== 'string' || v === '') throw new HttpError(400, 'invalid_input', `Send ${name}: ${what}.`);
  return v;
}
