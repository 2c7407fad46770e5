// posts.summaries: what the calendar reads must always say what the full posts say, whatever happened to them.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PostView, summaryOf } from '../../../shared/domain';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness, T0 } from '../../testing/engineHarness';

const MINUTE = 60_000;

describe('posts.summaries', () => {
  let h: Harness;
  let fake: DiscordFake;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
    await fake.stop();
  });

  /** Every filter shape the calendar uses gives the summaries of what posts.list gives. */
  async function expectSummariesMatchPosts(): Promise<readonly PostView[]> {
    const b = h.backend;
    const filters = [
      {},
      { from: T0 - 60 * MINUTE, to: T0 + 24 * 60 * MINUTE },
      { from: T0 + 10 * MINUTE },
      { statuses: ['failed' as const, 'published' as const] },
      { unscheduled: true },
    ];
    let all: readonly PostView[] = [];
    for (const f of filters) {
      const posts = await b.call('posts.list', f);
      expect(await b.call('posts.summaries', f), JSON.stringify(f)).toEqual(posts.map(summaryOf));
      if (Object.keys(f).length === 0) all = posts;
    }
    return all;
  }

  it('follows every change of targets: publishing, a deleted webhook, edits, cancelling, removed accounts', async () => {
    const b = h.backend;
    const community = await b.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook() });
    const brandHook = fake.createWebhook('Brand');
    const brand = await b.call('accounts.connect', { platform: 'discord', name: 'Brand', webhookUrl: brandHook });
    const at = (minutes: number) => ({ kind: 'instant' as const, at: T0 + minutes * MINUTE, timeZone: 'Europe/Rome' });

    const both = await b.call('posts.create', { text: 'Both networks, soon', accountIds: [community.id, brand.id], when: at(5) });
    const later = await b.call('posts.create', {
      text: 'Later, then edited',
      accountIds: [community.id],
      when: at(60),
      labels: ['launch'],
    });
    await b.call('posts.create', { text: 'An idea', accountIds: [brand.id], when: { kind: 'draft' } });
    const long = await b.call('posts.create', { text: `${'Lunga estate '.repeat(30)}fine`, accountIds: [brand.id], when: at(120) });
    expect((await expectSummariesMatchPosts()).length).toBe(4);

    // The brand's webhook is deleted: one target publishes, the other waits for the account to be fixed.
    fake.deleteWebhook(brandHook);
    await passTime(h, 6 * MINUTE);
    const [mixed] = (await expectSummariesMatchPosts()).filter((p) => p.id === both.post.id);
    expect(mixed?.targets.map((t) => t.status).sort()).toEqual(['published', 'scheduled']);
    expect((await b.call('accounts.list', {})).find((a) => a.id === brand.id)?.status).toBe('needs_attention');

    await b.call('posts.update', { id: later.post.id, accountIds: [brand.id, community.id], text: 'Later, on both' });
    await expectSummariesMatchPosts();
    await b.call('posts.cancel', { id: long.post.id });
    await expectSummariesMatchPosts();
    await b.call('accounts.remove', { id: brand.id });
    const after = await expectSummariesMatchPosts();
    expect(after.every((p) => p.targets.every((t) => t.accountId === community.id))).toBe(true);
    await b.call('posts.delete', { id: later.post.id });
    expect((await expectSummariesMatchPosts()).map((p) => p.id)).not.toContain(later.post.id);
  });

  it('carries the start of the text, whole characters, and searches everything the drafts board searches, in any case and without accents', async () => {
    const b = h.backend;
    const community = await b.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook() });
    const when = { kind: 'instant' as const, at: T0 + 30 * MINUTE, timeZone: 'Europe/Rome' };
    const emoji = '🌍'.repeat(170);
    const long = await b.call('posts.create', { text: emoji, accountIds: [community.id], when });
    await b.call('posts.create', {
      text: `${'x'.repeat(300)} the ÉTÉ sale ends tonight`,
      accountIds: [community.id],
      when,
      labels: ['Summer'],
    });
    await b.call('posts.create', { text: 'Plain', overrides: { [community.id]: 'Community raffle' }, accountIds: [community.id], when });
    // Discord has no threads or warnings, so these are ideas without accounts yet.
    await b.call('posts.create', { text: 'A thread', parts: ['second part mentions Kairos'], accountIds: [], when: { kind: 'draft' } });
    await b.call('posts.create', {
      text: 'Spoilers',
      options: { contentWarning: 'Season finale' },
      accountIds: [],
      when: { kind: 'draft' },
    });

    const [first] = await b.call('posts.summaries', { from: T0 });
    expect(first?.id).toBe(long.post.id);
    expect(Array.from(first?.excerpt ?? '')).toEqual(Array.from(emoji).slice(0, 160));

    const texts = async (search: string) => (await b.call('posts.summaries', { from: T0, search })).map((s) => s.excerpt.slice(0, 8));
    expect(await texts('été TONIGHT')).toEqual(['xxxxxxxx']); // past the excerpt, non-ASCII case folded
    expect(await texts('ete')).toEqual(['xxxxxxxx']); // accents folded, as on the drafts board
    expect(await texts('summer')).toEqual(['xxxxxxxx']); // a label
    expect(await texts('kairos')).toEqual([]);
    const ideas = await b.call('posts.summaries', { unscheduled: true, search: 'KAIROS' });
    expect(ideas.map((s) => s.excerpt)).toEqual(['A thread']); // a later part of a thread
    expect(await texts('été nowhere')).toEqual([]); // every word must appear
    expect(await texts('RAFFLE')).toEqual(['Plain']); // an account's own version
    expect((await b.call('posts.summaries', { unscheduled: true, search: 'finale' })).map((x) => x.excerpt)).toEqual(['Spoilers']);
    expect(await texts('   ')).toHaveLength(3); // blank is no search
    expect((await b.call('posts.list', { search: 'KAIROS' })).map((p) => p.text)).toEqual(['A thread']);
  });
});
