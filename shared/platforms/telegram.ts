// Telegram's limits for bot posts, shared by the composer's hints and the backend's validation.

import { type Issue, issue } from '../contract/problems';

/** A text message, in UTF-16 units after entity parsing. */
export const TELEGRAM_MESSAGE_MAX = 4096;
/** The caption of a photo, document or album, in UTF-16 units after entity parsing. */
export const TELEGRAM_CAPTION_MAX = 1024;
/** An album (sendMediaGroup) takes 2 to 10 items; one item is a plain sendPhoto, sendVideo or sendDocument. */
export const TELEGRAM_ALBUM_MAX = 10;
/** Photos sent by URL or upload: at most 10 MB; anything else goes as a document, at most 50 MB. */
export const TELEGRAM_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const TELEGRAM_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;
export const TELEGRAM_PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Telegram plays MPEG-4 videos inline (sendVideo); other video formats go as documents. Bots upload up to 50 MB. */
export const TELEGRAM_VIDEO_TYPES: ReadonlySet<string> = new Set(['video/mp4']);

export interface TelegramMediaLike {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: number;
  readonly partIndex: number;
}

export type TelegramMediaKind = 'photo' | 'video' | 'document';

/** How a file goes out: as a photo (compressed, shown inline), a video (played inline) or a document (the file as it is). */
export function telegramMediaKind(m: Pick<TelegramMediaLike, 'mime' | 'bytes'>): TelegramMediaKind {
  if (TELEGRAM_PHOTO_TYPES.has(m.mime) && m.bytes <= TELEGRAM_PHOTO_MAX_BYTES) return 'photo';
  if (TELEGRAM_VIDEO_TYPES.has(m.mime) && m.bytes <= TELEGRAM_DOCUMENT_MAX_BYTES) return 'video';
  return 'document';
}

/** The length Telegram counts: UTF-16 units of the text people see. */
export function telegramLength(text: string): number {
  return text.length;
}

/** Problems Telegram would refuse a part with (caption length, album size, file sizes); empty when it fits.
 * `part` is the 1-based part number in a thread, else null.
 */
export function telegramPartProblems(text: string, media: readonly TelegramMediaLike[], part: number | null): Issue[] {
  const problems: Issue[] = [];
  if (media.length > TELEGRAM_ALBUM_MAX) {
    problems.push(issue('too_many_files', { network: 'Telegram', max: TELEGRAM_ALBUM_MAX, count: media.length, part }));
  }
  if (media.length > 0 && telegramLength(text) > TELEGRAM_CAPTION_MAX) {
    problems.push(issue('caption_too_long', { max: TELEGRAM_CAPTION_MAX, length: telegramLength(text), part }));
  }
  for (const m of media) {
    if (m.bytes > TELEGRAM_DOCUMENT_MAX_BYTES) {
      problems.push(
        issue('file_too_big', { fileName: m.fileName, network: 'Telegram', bytes: m.bytes, max: TELEGRAM_DOCUMENT_MAX_BYTES, part }),
      );
    }
  }
  // Photos and videos mix in an album; documents group only with documents.
  const kinds = new Set(media.map((m) => telegramMediaKind(m)));
  if (media.length > 1 && kinds.has('document') && kinds.size > 1) problems.push(issue('album_mix', { part }));
  return problems;
}

/** The public link of a message: t.me/<username>/<id> for public chats, t.me/c/<id>/<message> for private supergroups. */
export function telegramMessageLink(chat: { readonly id: number; readonly username?: string | null }, messageId: number): string | null {
  if (chat.username) return `https://t.me/${chat.username}/${messageId}`;
  const id = String(chat.id);
  // Only channels and supergroups (-100…) have message links; basic groups have none.
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null;
}
