// The text of a Telegram post in its HTML parse mode: the user's words escaped, a content warning as a spoiler.

/**
 * Telegram's HTML mode needs only &, < and > replaced (and " inside attributes, which we never write); every
 * other character, Markdown signs included, is taken as it is. So nothing the user types can become markup.
 */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text people will see (what Telegram counts), and the HTML that produces it. */
export interface TelegramBody {
  readonly visible: string;
  readonly html: string;
}

/** A content warning goes first in bold, the text behind a spoiler that readers tap to reveal. */
export function telegramBody(text: string, contentWarning: string | undefined): TelegramBody {
  const cw = contentWarning?.trim();
  if (!cw || text.trim() === '') return { visible: text, html: escapeTelegramHtml(text) };
  return {
    visible: `${cw}\n${text}`,
    html: `<b>${escapeTelegramHtml(cw)}</b>\n<tg-spoiler>${escapeTelegramHtml(text)}</tg-spoiler>`,
  };
}
