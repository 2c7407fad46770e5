// A fake Telegram Bot API on 127.0.0.1, written from the Bot API documentation: /bot<token>/<method>, JSON,
// form and multipart bodies, {ok,result} and {ok:false,error_code,description,parameters} replies, flood waits.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, readBody, sendJson, startLoopbackServer } from '../loopbackServer';
import { EntityParseError, visibleTextOfHtml } from './html';

export interface FakeBot {
  readonly id: number;
  readonly token: string;
  readonly username: string;
  readonly first_name: string;
}

export interface FakeChat {
  readonly id: number;
  readonly type: 'channel' | 'supergroup' | 'group' | 'private';
  readonly title: string;
  readonly username?: string;
}

export interface FakeFile {
  readonly field: string;
  readonly name: string;
  readonly type: string;
  readonly bytes: number;
}

export interface FakeMessage {
  readonly message_id: number;
  readonly chatId: number;
  readonly method: string;
  /** What readers see, after entity parsing. */
  readonly text: string;
  /** What the client sent. */
  readonly raw: string;
  readonly parseMode: string | null;
  readonly replyTo: number | null;
  readonly silent: boolean;
  readonly files: readonly FakeFile[];
  readonly mediaGroupId: string | null;
  readonly hasSpoiler: boolean;
  /** sendVideo / InputMediaVideo: whether the client said the upload suits streaming. */
  readonly supportsStreaming: boolean;
  readonly date: number;
}

type Params = Record<string, unknown>;
type Member = { status: string; can_post_messages?: boolean; can_send_messages?: boolean };

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, number>,
  ) {
    super(description);
  }
}

const MESSAGE_MAX = 4096;
const CAPTION_MAX = 1024;

export class TelegramFake {
  #server: LoopbackServer | null = null;
  readonly #bots = new Map<string, FakeBot>();
  readonly #chats = new Map<number, FakeChat>();
  readonly #members = new Map<string, Member>();
  readonly #updates = new Map<number, Record<string, unknown>[]>();
  readonly #webhooks = new Set<number>();
  readonly #nextId = new Map<number, number>();
  readonly messages: FakeMessage[] = [];
  /** Every method call, in order, with the bot it came for. */
  readonly calls: { method: string; botId: number | null }[] = [];
  #flood: { method: string; seconds: number; after: number } | null = null;
  #dropAfterSending: string | null = null;
  #failNext: { method: string; code: number; description: string } | null = null;
  #groups = 0;

  get origin(): string {
    if (!this.#server) throw new Error('The fake Bot API is not started.');
    return this.#server.origin;
  }

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }

  addBot(username: string): FakeBot {
    const id = 7_000_000_000 + this.#bots.size + 1;
    const token = `${id}:AAH${Buffer.from(username).toString('hex').padEnd(32, 'x').slice(0, 32)}`;
    const bot = { id, token, username, first_name: username.replace(/_?bot$/i, '') || username };
    this.#bots.set(token, bot);
    return bot;
  }

  addChat(chat: FakeChat): FakeChat {
    this.#chats.set(chat.id, chat);
    return chat;
  }

  /** Adds the bot to the chat with a status, and queues the my_chat_member update Telegram would send. */
  addMember(bot: FakeBot, chat: FakeChat, member: Member): void {
    this.#members.set(`${chat.id}:${bot.id}`, member);
    const list = this.#updates.get(bot.id) ?? [];
    list.push({
      update_id: 100_000 + list.length,
      my_chat_member: {
        chat: this.#chatJson(chat),
        date: Math.floor(Date.now() / 1000),
        new_chat_member: { user: { id: bot.id }, ...member },
      },
    });
    this.#updates.set(bot.id, list);
  }

  setWebhook(bot: FakeBot): void {
    this.#webhooks.add(bot.id);
  }

  revoke(bot: FakeBot): void {
    this.#bots.delete(bot.token);
  }

  /** A call of `method` (the next one, or the one after `after` more) answers 429 with parameters.retry_after. */
  floodNext(method: string, seconds: number, after = 0): void {
    this.#flood = { method, seconds, after };
  }

  /** The next call of `method` is carried out, then the connection is cut before the answer. */
  dropAfterSending(method: string): void {
    this.#dropAfterSending = method;
  }

  failNext(method: string, code: number, description: string): void {
    this.#failNext = { method, code, description };
  }

  messagesIn(chatId: number): FakeMessage[] {
    return this.messages.filter((m) => m.chatId === chatId);
  }

  #chatJson(chat: FakeChat): Record<string, unknown> {
    return { id: chat.id, type: chat.type, title: chat.title, ...(chat.username ? { username: chat.username } : {}) };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const raw = await readBody(req);
    if (!m) {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const bot = this.#bots.get(decodeURIComponent(m[1] as string)) ?? null;
    // Method names are case-insensitive in the Bot API.
    const method = (m[2] as string).toLowerCase();
    this.calls.push({ method, botId: bot?.id ?? null });
    try {
      if (!bot) throw new ApiError(401, 'Unauthorized');
      if (this.#flood && this.#flood.method.toLowerCase() === method && this.#flood.after > 0) {
        this.#flood = { ...this.#flood, after: this.#flood.after - 1 };
      } else if (this.#flood && this.#flood.method.toLowerCase() === method) {
        const { seconds } = this.#flood;
        this.#flood = null;
        throw new ApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
      }
      if (this.#failNext && this.#failNext.method.toLowerCase() === method) {
        const f = this.#failNext;
        this.#failNext = null;
        throw new ApiError(f.code, f.description);
      }
      const params = await parseParams(req, raw);
      const result = this.#call(bot, method, params);
      if (this.#dropAfterSending?.toLowerCase() === method) {
        this.#dropAfterSending = null;
        req.socket.destroy();
        return;
      }
      sendJson(res, 200, { ok: true, result });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      sendJson(res, e.code, {
        ok: false,
        error_code: e.code,
        description: e.description,
        ...(e.parameters ? { parameters: e.parameters } : {}),
      });
    }
  }

  #chat(bot: FakeBot, ref: unknown): FakeChat {
    let chat: FakeChat | undefined;
    if (typeof ref === 'string' && ref.startsWith('@')) {
      chat = [...this.#chats.values()].find((c) => c.username?.toLowerCase() === ref.slice(1).toLowerCase());
    } else if (ref !== undefined && ref !== '' && Number.isFinite(Number(ref))) {
      chat = this.#chats.get(Number(ref));
    }
    const member = chat ? this.#members.get(`${chat.id}:${bot.id}`) : undefined;
    // A public channel is visible to any bot; anything else only to bots inside it.
    if (!chat || (!member && !chat.username)) throw new ApiError(400, 'Bad Request: chat not found');
    return chat;
  }

  #mayPost(bot: FakeBot, chat: FakeChat): void {
    const member = this.#members.get(`${chat.id}:${bot.id}`);
    if (!member || member.status === 'left' || member.status === 'kicked') {
      throw new ApiError(
        403,
        chat.type === 'channel'
          ? 'Forbidden: bot is not a member of the channel chat'
          : 'Forbidden: bot is not a member of the supergroup chat',
      );
    }
    if (chat.type === 'channel' && !(member.status === 'creator' || (member.status === 'administrator' && member.can_post_messages))) {
      throw new ApiError(400, 'Bad Request: need administrator rights in the channel chat');
    }
  }

  #call(bot: FakeBot, method: string, p: Params): unknown {
    switch (method) {
      case 'getme':
        return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username, can_join_groups: true };
      case 'getupdates':
        if (this.#webhooks.has(bot.id))
          throw new ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          );
        return this.#updates.get(bot.id) ?? [];
      case 'getchat':
        return this.#chatJson(this.#chat(bot, p.chat_id));
      case 'getchatmember': {
        const chat = this.#chat(bot, p.chat_id);
        const member = this.#members.get(`${chat.id}:${p.user_id}`);
        if (!member) throw new ApiError(400, 'Bad Request: member not found');
        return { user: { id: Number(p.user_id), is_bot: true, first_name: bot.first_name }, ...member };
      }
      case 'sendmessage':
      case 'sendphoto':
      case 'sendvideo':
      case 'senddocument':
        return this.#send(bot, method, p);
      case 'sendmediagroup':
        return this.#sendGroup(bot, p);
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  #common(bot: FakeBot, p: Params) {
    const chat = this.#chat(bot, p.chat_id);
    this.#mayPost(bot, chat);
    const reply = jsonParam(p.reply_parameters) as { message_id?: number } | undefined;
    const replyTo = reply?.message_id ?? (p.reply_to_message_id !== undefined ? Number(p.reply_to_message_id) : null);
    if (replyTo !== null && !this.messages.some((m) => m.chatId === chat.id && m.message_id === replyTo)) {
      throw new ApiError(400, 'Bad Request: message to be replied not found');
    }
    return { chat, replyTo, silent: p.disable_notification === true || p.disable_notification === 'true' };
  }

  #visible(text: string, parseMode: unknown): string {
    if (parseMode === undefined || parseMode === '') return text;
    if (String(parseMode).toLowerCase() !== 'html')
      throw new ApiError(400, `Bad Request: unsupported parse_mode "${String(parseMode)}" in this fake`);
    try {
      return visibleTextOfHtml(text);
    } catch (e) {
      if (e instanceof EntityParseError) throw new ApiError(400, `Bad Request: ${e.message}`);
      throw e;
    }
  }

  #store(chat: FakeChat, fields: Omit<FakeMessage, 'message_id' | 'chatId' | 'date'>): Record<string, unknown> {
    const id = (this.#nextId.get(chat.id) ?? 0) + 1;
    this.#nextId.set(chat.id, id);
    const date = Math.floor(Date.now() / 1000);
    this.messages.push({ ...fields, message_id: id, chatId: chat.id, date });
    return {
      message_id: id,
      date,
      chat: this.#chatJson(chat),
      ...(fields.text ? { [fields.files.length ? 'caption' : 'text']: fields.text } : {}),
    };
  }

  #send(bot: FakeBot, method: string, p: Params): unknown {
    const { chat, replyTo, silent } = this.#common(bot, p);
    if (method === 'sendmessage') {
      const raw = typeof p.text === 'string' ? p.text : '';
      const text = this.#visible(raw, p.parse_mode);
      if (text.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
      if (text.length > MESSAGE_MAX) throw new ApiError(400, 'Bad Request: message is too long');
      return this.#store(chat, {
        method,
        text,
        raw,
        parseMode: (p.parse_mode as string) ?? null,
        replyTo,
        silent,
        files: [],
        mediaGroupId: null,
        hasSpoiler: false,
        supportsStreaming: false,
      });
    }
    const field = method === 'sendphoto' ? 'photo' : method === 'sendvideo' ? 'video' : 'document';
    const file = p[field];
    if (!(file instanceof File)) throw new ApiError(400, `Bad Request: there is no ${field} in the request`);
    const raw = typeof p.caption === 'string' ? p.caption : '';
    const text = this.#visible(raw, p.parse_mode);
    if (text.length > CAPTION_MAX) throw new ApiError(400, 'Bad Request: message caption is too long');
    if (field === 'photo' && file.size > 10 * 1024 * 1024) throw new ApiError(400, 'Bad Request: PHOTO_INVALID_DIMENSIONS');
    if (file.size > 50 * 1024 * 1024) throw new ApiError(413, 'Request Entity Too Large');
    return this.#store(chat, {
      method,
      text,
      raw,
      parseMode: (p.parse_mode as string) ?? null,
      replyTo,
      silent,
      files: [{ field, name: file.name, type: file.type, bytes: file.size }],
      mediaGroupId: null,
      hasSpoiler: p.has_spoiler === true || p.has_spoiler === 'true',
      supportsStreaming: field === 'video' && (p.supports_streaming === true || p.supports_streaming === 'true'),
    });
  }

  #sendGroup(bot: FakeBot, p: Params): unknown {
    const { chat, replyTo, silent } = this.#common(bot, p);
    const media = jsonParam(p.media);
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
      throw new ApiError(400, 'Bad Request: wrong number of messages in the media group: must be 2-10');
    }
    const types = new Set(media.map((m: { type?: string }) => m.type));
    for (const t of types) {
      if (!['photo', 'video', 'document', 'audio'].includes(String(t))) throw new ApiError(400, 'Bad Request: unsupported media type');
    }
    // Photos and videos mix; documents and audio group only with their own kind.
    if ((types.has('document') || types.has('audio')) && types.size > 1) {
      throw new ApiError(400, "Bad Request: document can't be mixed with other media types");
    }
    const groupId = String(++this.#groups + 13_000_000);
    type Item = {
      type?: string;
      media?: string;
      caption?: string;
      parse_mode?: string;
      has_spoiler?: boolean;
      supports_streaming?: boolean;
    };
    const prepared = media.map((item: Item) => {
      const name = /^attach:\/\/(.+)$/.exec(item.media ?? '')?.[1];
      const file = name ? p[name] : undefined;
      if (!(file instanceof File)) throw new ApiError(400, 'Bad Request: wrong file identifier/HTTP URL specified');
      const text = this.#visible(item.caption ?? '', item.parse_mode);
      if (text.length > CAPTION_MAX) throw new ApiError(400, 'Bad Request: message caption is too long');
      return { item, file, text };
    });
    return prepared.map(({ item, file, text }) =>
      this.#store(chat, {
        method: 'sendmediagroup',
        text,
        raw: item.caption ?? '',
        parseMode: item.parse_mode ?? null,
        replyTo,
        silent,
        files: [{ field: item.type ?? '', name: file.name, type: file.type, bytes: file.size }],
        mediaGroupId: groupId,
        hasSpoiler: item.has_spoiler === true,
        supportsStreaming: item.type === 'video' && item.supports_streaming === true,
      }),
    );
  }
}

function jsonParam(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw new ApiError(400, "Bad Request: can't parse JSON-serialized parameter");
  }
}

/** Bot API requests come as query string, urlencoded form, JSON or multipart form data; all are read alike. */
async function parseParams(req: IncomingMessage, raw: Buffer): Promise<Params> {
  const params: Params = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return params;
  if (type.startsWith('application/json')) {
    try {
      return { ...params, ...(JSON.parse(raw.toString('utf8')) as Params) };
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      throw new ApiError(400, "Bad Request: can't parse JSON object");
    }
  }
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    const form = await new Request('http://x/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(raw),
    }).formData();
    for (const [k, v] of form.entries()) params[k] = v;
    return params;
  }
  return params;
}
