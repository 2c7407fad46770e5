// A person connects LinkedIn and X through their forms (the loopback redirect really happens, against fakes on
// 127.0.0.1), writes one post for LinkedIn, X and Discord with a preview per network and X's cost, and publishes it
// once; in English and in Italian.

import { LinkedInFake } from '../../main/testing/linkedinFake';
import { XFake } from '../../main/testing/xFake';
import { en } from '../../renderer/src/i18n/en';
import { it as italian } from '../../renderer/src/i18n/it';
import { connectDiscord, expect, expectNoSeriousA11yViolations, keepScreenshot, test } from '../support/fixtures';
import { connectAppThroughForm, freePort, goTo } from '../support/networks';

// The app's CSP refuses injected scripts, as it should; lifted here only to load axe-core.
test.use({ bypassCSP: true });

for (const [lang, d] of [
  ['en', en],
  ['it', italian],
] as const) {
  test(`connect LinkedIn and X through their forms, compose for them and Discord with previews and X's cost, publish once (${lang})`, async ({
    app: page,
    kairos,
    discord,
  }, testInfo) => {
    const linkedin = await new LinkedInFake({ authorizeForm: true }).start();
    const x = await new XFake({ authorizeForm: true }).start();
    try {
      if (lang === 'it') {
        await kairos.invoke('settings.set', { key: 'locale', value: 'it' });
        await expect(page.locator('html')).toHaveAttribute('lang', 'it');
      }
      linkedin.createMember('Ada Lovelace');
      x.createUser('kairosbrand', 'Kairos Brand');
      const liPort = await freePort();
      const xPort = await freePort();
      const liApp = linkedin.createApp([`http://127.0.0.1:${liPort}/callback`]);
      const xClient = x.createApp([`http://127.0.0.1:${xPort}/callback`]);
      await connectDiscord(kairos, discord, 'Community');

      await goTo(page, d, 'accounts');
      await connectAppThroughForm(
        page,
        d,
        {
          network: 'LinkedIn',
          name: 'Ada on LinkedIn',
          clientId: liApp.clientId,
          secret: liApp.secret,
          port: liPort,
          server: linkedin.origin,
          approve: 'Allow',
        },
        () => keepScreenshot(page, testInfo, `linkedin-x-${lang}-linkedin-form`),
      );
      await connectAppThroughForm(
        page,
        d,
        { network: 'X', name: 'Brand on X', clientId: xClient, port: xPort, server: x.origin, approve: 'Authorize app' },
        () => keepScreenshot(page, testInfo, `linkedin-x-${lang}-x-form`),
      );
      const list = page.getByRole('list', { name: d.accounts.listLabel });
      await expect(list.getByText('@kairosbrand')).toBeVisible();
      await keepScreenshot(page, testInfo, `linkedin-x-${lang}-accounts`);
      await expectNoSeriousA11yViolations(page, testInfo, `linkedin-x-${lang}-accounts`);

      await goTo(page, d, 'calendar');
      await page.getByRole('button', { name: d.actions.newPost }).first().click();
      const dialog = page.getByRole('dialog', { name: d.composer.newTitle });
      const text = `Launch (beta) is live [${lang}] — thanks @team! #launch https://example.org/launch`;
      await dialog.getByLabel(d.composer.text).fill(text);
      for (const name of ['Ada on LinkedIn', 'Brand on X', 'Community'])
        await dialog.getByRole('checkbox', { name: new RegExp(name) }).check();
      // X prices a post with a link at $0.20 by default, and shows this month's spend against the cap.
      const cost = dialog.getByTestId('x-cost');
      await expect(cost).toContainText('$0.20');
      await expect(cost).toContainText('$10.00');
      const previews = dialog.getByRole('tablist', { name: d.preview.title });
      for (const name of ['Ada on LinkedIn', 'Brand on X', 'Community']) {
        await previews.getByRole('tab', { name }).click();
        await expect(dialog.getByRole('tabpanel')).toContainText('Launch (beta) is live');
      }
      await previews.getByRole('tab', { name: 'Brand on X' }).click();
      await expect(dialog.locator('.preview--x')).toBeVisible();
      await keepScreenshot(page, testInfo, `linkedin-x-${lang}-composer`);
      await expectNoSeriousA11yViolations(page, testInfo, `linkedin-x-${lang}-composer`);
      await dialog.getByRole('button', { name: d.composer.postNow }).click();

      await expect.poll(() => linkedin.posts.length + x.tweets.length + discord.messages.length, { timeout: 20_000 }).toBe(3);
      // LinkedIn shows the whole text: its reserved characters went out escaped.
      expect(linkedin.posts[0]?.shown).toBe(text);
      expect(x.tweets.map((t) => t.text)).toEqual([text]);
      expect(discord.messages.map((m) => m.content)).toEqual([text]);
      const chip = page.getByRole('grid').getByRole('button', { name: /Launch \(beta\)/ });
      await expect(chip).toHaveAttribute('data-status', 'published', { timeout: 20_000 });
      const [xAccount] = (await kairos.invoke('accounts.list', {})).filter((a) => a.platform === 'x');
      expect(xAccount?.postCost?.spend.mills).toBe(200);
      await keepScreenshot(page, testInfo, `linkedin-x-${lang}-published`);
    } finally {
      await linkedin.stop();
      await x.stop();
    }
  });
}

for (const [lang, d] of [
  ['en', en],
  ['it', italian],
] as const) {
  test(`a LinkedIn login that runs out within two weeks shows in Attention before it does (${lang})`, async ({
    app: page,
    kairos,
  }, testInfo) => {
    // A token with ten days left, as an account connected fifty days ago has.
    const linkedin = await new LinkedInFake({ tokenSeconds: 10 * 86_400 }).start();
    try {
      if (lang === 'it') await kairos.invoke('settings.set', { key: 'locale', value: 'it' });
      linkedin.createMember('Ada Lovelace');
      const port = await freePort();
      const app = linkedin.createApp([`http://127.0.0.1:${port}/callback`]);
      const begun = await kairos.invoke('linkedin.beginOAuth', {
        clientId: app.clientId,
        clientSecret: app.secret,
        port,
        name: 'Ada on LinkedIn',
        server: linkedin.origin,
      });
      const tab = await page.context().newPage();
      await tab.goto(begun.authorizeUrl);
      await expect(tab.locator('#kairos-oauth-result')).toContainText('Kairos is connected to Ada Lovelace');
      await tab.close();
      const status = await kairos.invoke('engine.status', {});
      expect(status.attention.expiringLogins.map((e) => e.accountName)).toEqual(['Ada on LinkedIn']);

      const sidebar = page.getByRole('button', { name: new RegExp(d.engine.attentionDialog.open) });
      await expect(sidebar).toContainText('1');
      await sidebar.click();
      const dialog = page.getByRole('dialog', { name: d.engine.attentionDialog.title });
      const notice = dialog.getByTestId('expiring-logins');
      await expect(notice).toContainText(d.appNetworks.expiring.title);
      await expect(notice).toContainText('Ada on LinkedIn (LinkedIn)');
      await keepScreenshot(page, testInfo, `linkedin-x-${lang}-expiring-login`);
    } finally {
      await linkedin.stop();
    }
  });
}
