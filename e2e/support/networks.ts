// Connecting networks through their forms the way a person does, for specs that need one or all of them.

import { createServer } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { type FakeBot, TelegramFake } from '../../main/testing/telegramFake/server';
import type { en } from '../../renderer/src/i18n/en';

export type Dict = typeof en;

/** A port nothing listens on right now, for a loopback redirect the app's own sign-in server will take. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function goTo(page: Page, d: Dict, view: 'accounts' | 'calendar'): Promise<void> {
  await page.getByRole('navigation', { name: d.nav.label }).getByRole('link', { name: d.nav[view] }).click();
  await expect(page.getByRole('heading', { level: 1, name: view === 'accounts' ? d.accounts.title : d.calendar.title })).toBeVisible();
}

const accountList = (page: Page, d: Dict) => page.getByRole('list', { name: d.accounts.listLabel });

/** Fills the connect form for the user's own app and approves Kairos on the network's page in the popup. */
export async function connectAppThroughForm(
  page: Page,
  d: Dict,
  o: { network: 'LinkedIn' | 'X'; name: string; clientId: string; secret?: string; port: number; server: string; approve: string },
  shot: () => Promise<void> = async () => {},
): Promise<void> {
  await page.getByLabel(d.accounts.network).selectOption({ label: o.network });
  const form = page.getByRole('form', { name: o.network === 'LinkedIn' ? d.appNetworks.linkedin.label : d.appNetworks.x.label });
  await form.getByLabel(d.accounts.name).fill(o.name);
  await form.getByLabel(d.appNetworks.clientId).fill(o.clientId);
  if (o.secret) await form.getByLabel(d.appNetworks.clientSecret).fill(o.secret);
  await form.getByLabel(d.appNetworks.port).fill(String(o.port));
  await expect(form.getByText(`http://127.0.0.1:${o.port}/callback`)).toBeVisible();
  await form.getByText(d.appNetworks.server, { exact: true }).first().click();
  await form.getByRole('textbox', { name: d.appNetworks.server }).fill(o.server);
  await shot();
  const popup = page.waitForEvent('popup');
  await form.getByRole('button', { name: d.appNetworks.signIn }).click();
  const tab = await popup;
  await tab.getByRole('button', { name: o.approve }).click();
  await expect(tab.locator('#kairos-oauth-result')).toContainText('Kairos is connected');
  await tab.close();
  await expect(accountList(page, d).getByText(o.name)).toBeVisible();
}

/** The Telegram form: the token, the local Bot API server, the chat found from the bot's updates. */
export async function connectTelegramThroughForm(
  page: Page,
  d: Dict,
  o: { name: string; token: string; apiBase: string; bot: string; silent?: boolean },
  beforeConnect: () => Promise<void> = async () => {},
): Promise<void> {
  await page.getByLabel(d.accounts.network).selectOption({ label: 'Telegram' });
  const form = page.getByRole('form', { name: d.telegram.connect });
  await form.getByLabel(d.accounts.name).fill(o.name);
  await form.getByLabel(d.telegram.token).fill(o.token);
  await form.getByLabel(d.telegram.apiBase).fill(o.apiBase);
  await form.getByRole('button', { name: d.telegram.findChats }).click();
  await expect(form.getByText(d.telegram.foundChats(o.bot, 1))).toBeVisible();
  if (o.silent) await form.getByLabel(d.telegram.silent).check();
  await beforeConnect();
  await form.getByRole('button', { name: d.accounts.connect, exact: true }).click();
  await expect(accountList(page, d).getByText(o.name)).toBeVisible();
}

/** The Nostr form: a new key or a pasted nsec, the relays, and an optional media server. */
export async function connectNostrThroughForm(
  page: Page,
  d: Dict,
  o: { name: string; nsec?: string; relays: readonly string[]; mediaServer?: string },
  beforeConnect: () => Promise<void> = async () => {},
): Promise<void> {
  await page.getByLabel(d.accounts.network).selectOption({ label: 'Nostr' });
  const form = page.getByRole('form', { name: d.nostr.connect });
  await form.getByLabel(d.accounts.name).fill(o.name);
  if (o.nsec) {
    await form.getByLabel(d.nostr.keys.nsec).check();
    await form.getByLabel(d.nostr.nsec, { exact: true }).fill(o.nsec);
  } else {
    await form.getByLabel(d.nostr.keys.new).check();
  }
  await form.getByLabel(d.nostr.relays, { exact: true }).fill(o.relays.join('\n'));
  if (o.mediaServer) await form.getByLabel(d.nostr.mediaServer).fill(o.mediaServer);
  await beforeConnect();
  await form.getByRole('button', { name: d.accounts.connect, exact: true }).click();
  await expect(accountList(page, d).getByText(o.name)).toBeVisible();
}

/** The Mastodon form with a pasted access token (the browser sign-in has its own spec). */
export async function connectMastodonWithToken(page: Page, d: Dict, o: { name: string; instance: string; token: string }): Promise<void> {
  await page.getByLabel(d.accounts.network).selectOption({ label: 'Mastodon' });
  const form = page.getByRole('form', { name: d.accounts.connectMastodon });
  await form.getByLabel(d.accounts.name).fill(o.name);
  await form.getByLabel(d.accounts.instance).fill(o.instance);
  await form.getByRole('button', { name: d.accounts.methods.token }).click();
  await form.getByLabel(d.accounts.accessToken).fill(o.token);
  await form.getByRole('button', { name: d.accounts.connect, exact: true }).click();
  await expect(accountList(page, d).getByText(o.name)).toBeVisible();
}

/** The channel the Telegram fake holds for specs: public, so its posts have t.me links. */
export const BRAND_CHANNEL = { id: -1001234567890, type: 'channel', title: 'Brand News', username: 'brandnews' } as const;

/** A fake Bot API with a bot that administers the brand channel, and its teardown. */
export async function startTelegramChannel(): Promise<{ telegram: TelegramFake; bot: FakeBot }> {
  const telegram = await new TelegramFake().start();
  const bot = telegram.addBot('brand_news_bot');
  telegram.addMember(bot, telegram.addChat(BRAND_CHANNEL), { status: 'administrator', can_post_messages: true });
  return { telegram, bot };
}
