// A post held back by an approval rule goes out as soon as the rule is removed, against the BUILT `kairos server`: the
// owner connects a Discord webhook (the fake runs in this process), makes its posts need approval, and schedules a post
// due in a few seconds. Its time passes and nothing goes out; the owner removes the rule on the home page, and the
// post is published at once and exactly once, not at the scheduler's next idle look a minute later; the post's review
// page, open meanwhile, stops asking for an approval without a reload.

import { type Page, test } from '@playwright/test';
import { DiscordFake } from '../../main/testing/discordFake';
import { expect, keepScreenshot } from '../support/fixtures';
import { person, postAs, type RunningWorkspace, setUpOwner, startWorkspace } from '../support/workspace';

let ws: RunningWorkspace;
let discord: DiscordFake;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  discord = await new DiscordFake().start();
  ws = await startWorkspace('e2e_rule_removed');
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this destructuring.
test.afterAll(async ({}, testInfo) => {
  await ws?.stop(testInfo);
  await discord?.stop();
});

/** A contract call from the page, as the app makes it: same origin, the session cookie. */
const contract = <T>(page: Page, channel: string, payload: unknown) => postAs<T>(page, ws.base, `/api/invoke/${channel}`, payload);

/** Whether the server's review route says the post may be published as it stands, and why not. */
async function publishable(page: Page, postId: string): Promise<{ allowed: boolean; reason?: string }> {
  const res = await page.request.get(`/api/review/posts/${postId}`);
  expect(res.status()).toBe(200);
  const { value } = (await res.json()) as { value: { status: { publish: { allowed: boolean; reason?: string } } } };
  return value.status.publish;
}

test('removing the rule that held a due post back publishes it at once, exactly once', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const owner = await person(browser, ws.base, errors);
  await setUpOwner(owner.page, ws.setupCode, 'Olga', 'olga@example.org');
  const account = await contract<{ id: string }>(owner.page, 'accounts.connect', {
    platform: 'discord',
    name: 'Launch channel',
    webhookUrl: discord.createWebhook('launches'),
  });
  const rule = await owner.page.request.post('/api/review/rules', {
    headers: { origin: ws.base },
    data: { scope: 'account', accountId: account.id, approvalsNeeded: 1 },
  });
  expect(rule.status(), await rule.text()).toBe(201);

  const due = Date.now() + 3_000;
  const text = `Doors open at nine (${due})`;
  const { post } = await contract<{ post: { id: string } }>(owner.page, 'posts.create', {
    text,
    accountIds: [account.id],
    when: { kind: 'instant', at: due, timeZone: 'UTC' },
  });

  // ---- its time passes: nothing goes out while the rule holds it back
  await owner.page.goto('/');
  const rules = owner.page.getByTestId('approval-rules');
  await expect(rules.getByRole('listitem')).toHaveText(['Posts to Launch channel need 1 approvalRemove']);
  await owner.page.waitForTimeout(Math.max(0, due + 4_000 - Date.now()));
  expect(discord.messages, 'published while a rule held it back').toEqual([]);
  expect((await publishable(owner.page, post.id)).allowed).toBe(false);
  // The post's review page, open beside the home page, says what it waits for.
  const postPage = await owner.context.newPage();
  await postPage.goto(`/posts/${post.id}`);
  const panel = postPage.getByTestId('review-panel');
  await expect(panel.getByText('0 of 1 approval', { exact: true })).toBeVisible();

  // ---- the owner removes the rule; the post goes out within seconds (the scheduler's idle look is a minute away)
  await rules.getByRole('button', { name: 'Remove the rule: Posts to Launch channel need 1 approval' }).click();
  await expect(rules.getByTestId('no-rules')).toBeVisible();
  const removedAt = Date.now();
  await expect.poll(() => discord.messages.length, { timeout: 15_000 }).toBe(1);
  expect(Date.now() - removedAt).toBeLessThan(15_000);
  expect(discord.messages[0]?.content).toBe(text);
  // The open review page follows the rule's removal without a reload: no approval is needed any more.
  await expect(panel.getByText('0 of 1 approval', { exact: true })).toBeHidden();
  await keepScreenshot(owner.page, testInfo, 'workspace-rule-removed-published');

  // ---- a moment later, still once
  await owner.page.waitForTimeout(2_000);
  expect(discord.messages).toHaveLength(1);
  const [listed] = await contract<{ status: string }[]>(owner.page, 'posts.list', {});
  expect(listed?.status).toBe('published');

  await owner.context.close();
  expect(errors, 'uncaught errors in the pages').toEqual([]);
});
