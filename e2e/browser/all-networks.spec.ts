// A person connects Telegram, Nostr (with a media server), LinkedIn, X and Mastodon through their forms against the
// loopback servers, backs up the Nostr key Kairos made, writes ONE post with a described picture for all five with a
// preview per network, publishes it, and each network receives it exactly once; in English and in Italian.

import { decode } from 'nostr-tools/nip19';
import { getPublicKey } from 'nostr-tools/pure';
import { LinkedInFake } from '../../main/testing/linkedinFake';
import { MastodonFake } from '../../main/testing/mastodonFake';
import { ONE_PIXEL_PNG } from '../../main/testing/mediaSamples';
import { BlossomFake } from '../../main/testing/nostr/blossomFake';
import { type LocalRelay, startLocalRelay } from '../../main/testing/nostr/localRelay';
import { XFake } from '../../main/testing/xFake';
import { en } from '../../renderer/src/i18n/en';
import { it as italian } from '../../renderer/src/i18n/it';
import { expect, keepScreenshot, test } from '../support/fixtures';
import {
  BRAND_CHANNEL,
  connectAppThroughForm,
  connectMastodonWithToken,
  connectNostrThroughForm,
  connectTelegramThroughForm,
  freePort,
  goTo,
  startTelegramChannel,
} from '../support/networks';

const NAMES = ['Brand on Telegram', 'Brand on Nostr', 'Ada on LinkedIn', 'Brand on X', 'Brand on Mastodon'] as const;

for (const [lang, d] of [
  ['en', en],
  ['it', italian],
] as const) {
  test(`connect Telegram, Nostr, LinkedIn, X and Mastodon, compose one post for all with previews, publish it exactly once (${lang})`, async ({
    app: page,
    kairos,
  }, testInfo) => {
    const { telegram, bot } = await startTelegramChannel();
    const relays: LocalRelay[] = [await startLocalRelay(), await startLocalRelay()];
    const blossom = await new BlossomFake().start();
    const linkedin = await new LinkedInFake({ authorizeForm: true }).start();
    const x = await new XFake({ authorizeForm: true }).start();
    const mastodon = await new MastodonFake({ title: 'Fake Mastodon' }).start();
    try {
      if (lang === 'it') {
        await kairos.invoke('settings.set', { key: 'locale', value: 'it' });
        await expect(page.locator('html')).toHaveAttribute('lang', 'it');
      }
      const shot = (name: string) => keepScreenshot(page, testInfo, `all-networks-${lang}-${name}`);
      linkedin.createMember('Ada Lovelace');
      x.createUser('kairosbrand', 'Kairos Brand');
      const alice = mastodon.createUser('alice', 'Alice');
      const liPort = await freePort();
      const xPort = await freePort();
      const liApp = linkedin.createApp([`http://127.0.0.1:${liPort}/callback`]);
      const xClient = x.createApp([`http://127.0.0.1:${xPort}/callback`]);

      await goTo(page, d, 'accounts');
      await connectTelegramThroughForm(page, d, {
        name: 'Brand on Telegram',
        token: bot.token,
        apiBase: telegram.origin,
        bot: bot.username,
      });
      await connectNostrThroughForm(
        page,
        d,
        { name: 'Brand on Nostr', relays: relays.map((r) => r.url), mediaServer: blossom.origin },
        () => shot('nostr-form'),
      );
      await connectAppThroughForm(page, d, {
        network: 'LinkedIn',
        name: 'Ada on LinkedIn',
        clientId: liApp.clientId,
        secret: liApp.secret,
        port: liPort,
        server: linkedin.origin,
        approve: 'Allow',
      });
      await connectAppThroughForm(page, d, {
        network: 'X',
        name: 'Brand on X',
        clientId: xClient,
        port: xPort,
        server: x.origin,
        approve: 'Authorize app',
      });
      await connectMastodonWithToken(page, d, {
        name: 'Brand on Mastodon',
        instance: mastodon.origin,
        token: mastodon.issueToken(alice.id),
      });
      const list = page.getByRole('list', { name: d.accounts.listLabel });
      for (const name of NAMES) await expect(list.getByText(name, { exact: true })).toBeVisible();
      await shot('accounts');

      // The key Kairos made for Nostr: shown only after a warning that says what it is, then copied.
      const nostrRow = list.locator('.account', { hasText: 'Brand on Nostr' });
      await nostrRow.getByRole('button', { name: d.nostr.showKey }).click();
      await expect(nostrRow.getByText(d.nostr.showKeyWarning)).toBeVisible();
      await shot('nostr-key-warning');
      await nostrRow.getByRole('button', { name: d.nostr.showKeyConfirm }).click();
      const keyField = nostrRow.getByLabel(d.nostr.keyLabel);
      await expect(keyField).toHaveValue(/^nsec1[02-9ac-hj-np-z]{58}$/);
      const nsec = await keyField.inputValue();
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(kairos.origin).origin });
      await nostrRow.getByRole('button', { name: d.nostr.copyKey }).click();
      await expect(page.getByText(d.nostr.keyCopied)).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(nsec);
      await nostrRow.getByRole('button', { name: d.nostr.hideKey }).click();
      await expect(page.getByText(nsec)).toHaveCount(0);
      await expect(nostrRow.getByLabel(d.nostr.keyLabel)).toHaveCount(0);
      const pubkey = getPublicKey(decode(nsec).data as Uint8Array);

      await goTo(page, d, 'calendar');
      await page.getByRole('button', { name: d.actions.newPost }).first().click();
      const dialog = page.getByRole('dialog', { name: d.composer.newTitle });
      const text = `All five networks at once [${lang}] #launch ${Date.now()}`;
      await dialog.getByLabel(d.composer.text).fill(text);
      for (const name of NAMES) await dialog.getByRole('checkbox', { name: new RegExp(name) }).check();
      await dialog.getByLabel(d.media.add).setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
      await dialog.locator('.media-item', { hasText: 'harbour.png' }).getByLabel(d.media.describe).fill('The harbour at dusk');
      const previews = dialog.getByRole('tablist', { name: d.preview.title });
      for (const name of NAMES) {
        await previews.getByRole('tab', { name }).click();
        const panel = dialog.getByRole('tabpanel');
        await expect(panel).toContainText('All five networks at once');
        await expect(panel.getByText(name, { exact: true })).toBeVisible();
        await shot(`preview-${name.toLowerCase().replace(/\s+/g, '-')}`);
      }
      await dialog.getByRole('button', { name: d.composer.postNow }).click();

      const chip = page.getByRole('grid').getByRole('button', { name: /All five networks/ });
      await expect(chip).toHaveAttribute('data-status', 'published', { timeout: 45_000 });
      await shot('published');

      // Each network received the post exactly once, with the picture.
      const sent = telegram.messagesIn(BRAND_CHANNEL.id);
      expect(sent.map((m) => [m.method, m.text])).toEqual([['sendphoto', text]]);
      expect(linkedin.posts.map((p) => p.shown)).toEqual([text]);
      expect(x.tweets.map((t) => t.text)).toEqual([text]);
      const statuses = mastodon.statusesOf(alice.id);
      expect(statuses.map((s) => s.text)).toEqual([text]);
      expect(statuses[0]?.mediaIds.map((id) => mastodon.mediaById.get(id)?.description)).toEqual(['The harbour at dusk']);
      expect(blossom.uploads.map((u) => u.status)).toEqual([200]);
      for (const relay of relays) {
        const notes = await relay.events({ kinds: [1], authors: [pubkey] });
        expect(notes).toHaveLength(1);
        const [url] = [...blossom.blobs.keys()].map((sha) => `${blossom.origin}/${sha}.png`);
        expect(notes[0]?.content).toBe(`${text}\n\n${url}`);
        expect(notes[0]?.tags).toContainEqual(expect.arrayContaining(['imeta', `url ${url}`, 'alt The harbour at dusk']));
      }
    } finally {
      await telegram.stop();
      for (const r of relays) await r.stop();
      await blossom.stop();
      await linkedin.stop();
      await x.stop();
      await mastodon.stop();
    }
  });
}
