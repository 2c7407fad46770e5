// Calls the Telegram Bot API (https://api.telegram.org/bot<token>/<method>) and turns its error bodies into words.

import { parseUrl } from '../../core/parse';
import { readJson, send } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';

export const TELEGRAM_API = 'https://api.telegram.org';

/** Everything a call needs; the token stays in here and never reaches a message. */
export interface BotEndpoint {
  readonly apiBase: string;
  readonly token: string;
  readonly signal?: AbortSignal;
}

interface BotApiReply {
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error_code?: number;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

/** BotFather's tokens: the bot's numeric id, a colon, and 35 characters of [A-Za-z0-9_-]. */
const TOKEN_SHAPE = /^\d{5,20}:[A-Za-z0-9_-]{30,60}$/;

export function checkTokenShape(raw: string): string {
  const token = raw.trim();
  if (!TOKEN_SHAPE.test(token)) {
    throw new PlatformError(
      'invalid',
      'That does not look like a bot token. @BotFather gives one like 123456789:AAH… when you create a bot with /newbot (or /token for an existing one).',
      { field: 'botToken' },
    );
  }
  return token;
}

/** A self-hosted Bot API server may be named; https only, or http on this machine. */
export function normaliseApiBase(raw: string | undefined): string {
  const v = raw?.trim();
  if (!v) return TELEGRAM_API;
  const url = parseUrl(v);
  if (!url)
    throw new PlatformError('invalid', `"${v}" is not a URL. Leave the Bot API server empty to use ${TELEGRAM_API}.`, { field: 'apiBase' });
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new PlatformError('invalid', 'A Bot API server must use https (plain http only on this computer).', { field: 'apiBase' });
  }
  return url.origin;
}

/** What Telegram said, kept short and without anything from the request. */
function said(body: BotApiReply, status: number): string {
  return body.description ? `Telegram said: "${body.description.slice(0, 300)}".` : `Telegram answered ${status}.`;
}

export function failureOf(body: BotApiReply, status: number, what: string): PlatformError {
  const code = body.error_code ?? status;
  const text = body.description ?? '';
  if (code === 429) {
    const seconds = body.parameters?.retry_after;
    const retryAfterMs = typeof seconds === 'number' && seconds >= 0 ? Math.ceil(seconds * 1000) : 5_000;
    return new PlatformError(
      'rate_limited',
      `Telegram is limiting this bot; trying ${what} again in ${Math.ceil(retryAfterMs / 1000)} s.`,
      {
        retryAfterMs,
        status: 429,
      },
    );
  }
  if (code === 401 || code === 404) {
    // A revoked or mistyped token answers 401 Unauthorized; Telegram answers 404 for a token it never issued.
    return new PlatformError(
      'auth',
      `Telegram refused the bot token (it was revoked or mistyped). Get the token again from @BotFather (/token) and reconnect. ${said(body, status)}`,
      { status: code, field: 'botToken' },
    );
  }
  if (body.parameters?.migrate_to_chat_id !== undefined) {
    return new PlatformError(
      'gone',
      `This group became a supergroup with a new id (${body.parameters.migrate_to_chat_id}). Reconnect the account with the new chat.`,
      { status: code },
    );
  }
  if (code === 403) {
    return new PlatformError(
      'gone',
      `The bot can no longer post in this chat (it was removed, or lost its right to post). Add it back as an administrator that can post, then check the account. ${said(body, status)}`,
      { status: 403, field: 'chat' },
    );
  }
  if (code === 400 && /chat not found/i.test(text)) {
    return new PlatformError(
      'gone',
      'Telegram does not know this chat, or the bot is not in it. Add the bot to the channel or group, then try again.',
      { status: 400, field: 'chat' },
    );
  }
  if (code === 409) {
    return new PlatformError(
      'invalid',
      'This bot has a webhook set, so Telegram will not show its updates here. Type the chat as @channelname or its id instead.',
      { status: 409 },
    );
  }
  if (code >= 500)
    return new PlatformError('transient', `Telegram had a server problem (${code}) with ${what}; Kairos will try again.`, { status: code });
  return new PlatformError('invalid', `Telegram refused ${what}. ${said(body, status)}`, { status: code });
}

export interface CallOptions {
  /** The call can create a message: a lost answer is then an unknown outcome. */
  readonly creates?: boolean;
  readonly timeoutMs?: number;
  /** Words for messages: "the message", "the album". */
  readonly what?: string;
}

/** Calls a method with JSON (or multipart when files are attached) and returns its `result`. */
export async function callBotApi<T>(
  endpoint: BotEndpoint,
  method: string,
  params: Readonly<Record<string, unknown>> | FormData,
  options: CallOptions = {},
): Promise<T> {
  const url = `${endpoint.apiBase}/bot${endpoint.token}/${method}`;
  const init: RequestInit =
    params instanceof FormData
      ? { method: 'POST', body: params }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) };
  const res = await send(url, init, {
    serviceName: 'Telegram',
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.creates ? { creates: true } : {}),
    ...(endpoint.signal ? { signal: endpoint.signal } : {}),
  });
  const body = ((await readJson(res)) ?? {}) as BotApiReply;
  if (res.ok && body.ok === true) return body.result as T;
  if (res.ok && body.ok !== true && options.creates) {
    throw new PlatformError('unknown_outcome', 'Telegram answered without saying whether the message was sent.');
  }
  throw failureOf(body, res.status, options.what ?? 'the request');
}
