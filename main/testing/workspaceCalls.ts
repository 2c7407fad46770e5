// Calls to a running workspace server's JSON routes, for the tests of its routes: a request as a browser of its own
// site would send it (the site's Origin on anything but GET), the answer's status, body and session cookie, and the
// people of a test workspace made through the real setup and invitation routes.

import { expect } from 'vitest';

export interface Answer {
  status: number;
  body: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
  headers: Headers;
  /** The first cookie the answer set, as a Cookie header would send it back. */
  cookie: string | undefined;
}

export interface CallInit {
  method?: string;
  body?: unknown;
  cookie?: string;
  /** The Origin header; by default the server's own, null for none. */
  origin?: string | null;
  type?: string;
  headers?: Record<string, string>;
}

/** One request to `baseUrl + path`: GET without a body, POST with one, unless `method` says otherwise. */
export async function callServer(baseUrl: string, path: string, init: CallInit = {}): Promise<Answer> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { ...init.headers };
  if (method !== 'GET' && init.origin !== null) headers.origin = init.origin ?? baseUrl;
  if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  const setCookie = res.headers.getSetCookie()[0];
  return {
    status: res.status,
    body: (await res.json()) as Answer['body'],
    headers: res.headers,
    cookie: setCookie ? setCookie.split(';')[0] : undefined,
  };
}

/** The value of a successful answer; a refusal fails the test with what the server said. */
// biome-ignore lint/suspicious/noExplicitAny: answers are read as loose JSON in these tests.
export function value(a: Answer): any {
  if (!a.body.ok) throw new Error(`Expected success, got ${a.status} ${JSON.stringify(a.body)}`);
  return a.body.value;
}

/** The answer is a refusal with this status and code, and a message in words. */
export function refused(a: Answer, status: number, code: string): void {
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(a.body.error?.code).toBe(code);
  expect(a.body.error?.message).toMatch(/\w/);
}

export interface Person {
  cookie: string;
  id: string;
}

function signedIn(a: Answer, what: string): Person {
  if (a.status !== 201 || !a.cookie) throw new Error(`${what} failed: ${a.status} ${JSON.stringify(a.body)}`);
  return { cookie: a.cookie, id: (value(a) as { user: { id: string } }).user.id };
}

/** The workspace's owner, made through the setup route with the server's setup code. */
export async function setUpOwner(
  baseUrl: string,
  who: { setupCode: string; email: string; displayName: string; password: string },
): Promise<Person> {
  return signedIn(await callServer(baseUrl, '/api/setup', { body: who }), 'Setting up the owner');
}

/** A member invited by `inviterCookie` with this role, who then joins through the invitation's token. */
export async function joinAs(
  baseUrl: string,
  inviterCookie: string,
  who: { role: string; email: string; displayName: string; password: string },
): Promise<Person> {
  const inv = value(await callServer(baseUrl, '/api/invitations', { cookie: inviterCookie, body: { role: who.role, email: who.email } }));
  const joined = await callServer(baseUrl, '/api/invitations/accept', {
    body: { token: inv.token, email: who.email, displayName: who.displayName, password: who.password },
  });
  return signedIn(joined, `Joining as ${who.role}`);
}
