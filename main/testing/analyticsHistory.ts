// Fills a database with published posts and what was read about them (snapshots, replies, followers, a pause),
// as months of use would leave it: for the analytics view's end-to-end tests, the report tests and the benchmark.

import type { Db } from '../core/db/database';
import { newIdempotencyKey } from '../core/ids';
import { MILESTONES } from '../core/metrics/milestones';
import { AccountsRepo } from '../core/repos/accounts';
import { EventLog } from '../core/repos/events';

export interface SeededHistory {
  readonly accountIds: { readonly mastodon: string; readonly bluesky: string; readonly discord: string };
  readonly firstPublishedAt: number;
  readonly lastPublishedAt: number;
}

const REPLIES = [
  'Where can I buy the new blend?',
  'Love this, the packaging is beautiful #coffee',
  'Dove posso trovare il caffè in Italia?',
  'Great news for the neighbourhood #roastery',
  'Il nuovo caffè è buonissimo #coffee',
  'When does the shop open on Sundays?',
];

/**
 * `posts` posts spread evenly over the `days` days before `now`, alternating Mastodon and Bluesky (every
 * seventh also to Discord), each with its four planned snapshots where due, some replies, daily followers.
 */
export function seedAnalyticsHistory(db: Db, opts: { now: number; days: number; posts: number }): SeededHistory {
  const accounts = new AccountsRepo(db);
  const events = new EventLog(db);
  const start = opts.now - opts.days * 86_400_000;
  const add = (id: string, platform: 'mastodon' | 'bluesky' | 'discord', name: string, handle: string) =>
    accounts.add({ id, platform, name, handle, avatarUrl: null, config: {}, sealedSecret: Buffer.from([0]), now: start }).id;
  const ids = {
    mastodon: add('acc_hist_m', 'mastodon', 'Brand', '@brand@social.example'),
    bluesky: add('acc_hist_b', 'bluesky', 'Brand Bsky', '@brand.bsky.social'),
    discord: add('acc_hist_d', 'discord', 'Community', 'General (webhook)'),
  };
  // Rows as publishing leaves them, written directly: a history, not a run of the scheduler.
  const insertPost = db.prepare(
    `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, created_at, updated_at) VALUES (?, ?, 'Europe/Rome', ?, 'published', ?, ?, ?)`,
  );
  const insertTarget = db.prepare(
    `INSERT INTO targets (id, post_id, account_id, status, idempotency_key, remote_id, remote_url, published_at, intended_at, due_at)
     VALUES (?, ?, ?, 'published', ?, ?, ?, ?, ?, NULL)`,
  );
  const snapshot = db.prepare(
    `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source)
     VALUES (?, ?, ?, 'counted', ?, ?, ?, ?, ?)`,
  );
  const audience = db.prepare(
    `INSERT INTO audience_posts (account_id, remote_id, kind, target_id, author, text, url, language, created_at, likes, reposts, replies, fetched_at)
     VALUES (?, ?, 'reply', ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`,
  );
  const followers = db.prepare(
    'INSERT OR REPLACE INTO follower_counts (account_id, day, followers, following, taken_at, source) VALUES (?, ?, ?, NULL, ?, ?)',
  );
  const step = (opts.days * 86_400_000) / opts.posts;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  db.transaction(() => {
    for (let i = 0; i < opts.posts; i++) {
      const at = Math.floor(start + i * step);
      const main = i % 2 === 0 ? ids.mastodon : ids.bluesky;
      const targets = [main, ...(i % 7 === 0 ? [ids.discord] : [])];
      insertPost.run(
        `post_hist_${i}`,
        `Post ${i}: our roastery news, with the story behind this week's blend #coffee`,
        at,
        i % 4 === 0 ? '["launch"]' : '[]',
        at - 86_400_000,
        at,
      );
      targets.forEach((accountId, k) => {
        const targetId = `tgt_hist_${i}_${k}`;
        const isBsky = accountId === ids.bluesky;
        const url =
          accountId === ids.discord
            ? null
            : isBsky
              ? `https://bsky.app/profile/brand.bsky.social/post/3k${i}`
              : `https://social.example/@brand/${1000 + i}`;
        insertTarget.run(
          targetId,
          `post_hist_${i}`,
          accountId,
          newIdempotencyKey(),
          isBsky ? `at://did:plc:brand/app.bsky.feed.post/3k${i}` : String(1000 + i),
          url,
          at,
          at,
        );
        first = Math.min(first, at);
        last = Math.max(last, at);
        if (accountId === ids.discord) return;
        // Some posts do much better than others, so top and bottom mean something.
        const base = (i * 37) % 23;
        MILESTONES.forEach((m, n) => {
          const takenAt = at + m.afterMs;
          if (takenAt > opts.now) return;
          const grow = n + 1;
          snapshot.run(
            targetId,
            m.id,
            takenAt,
            base * grow,
            Math.floor((base * grow) / 3),
            (i % 5) + n,
            isBsky ? n : null,
            isBsky ? 'bluesky-appview' : 'mastodon-server',
          );
        });
        if (i % 3 === 0) {
          const text = REPLIES[(i / 3) % REPLIES.length] as string;
          const replyAt = at + ((i * 7919) % 20) * 3_600_000;
          audience.run(
            accountId,
            `r_${i}`,
            targetId,
            `@fan${i % 9}@example.org`,
            text,
            `https://social.example/@fan/${i}`,
            text.includes('caffè') ? 'it' : 'en',
            replyAt,
            i % 6,
            replyAt,
          );
        }
      });
    }
    for (let d = 0; d <= opts.days; d++) {
      const at = start + d * 86_400_000;
      const day = new Date(at).toISOString().slice(0, 10);
      followers.run(ids.mastodon, day, 1000 + d * 3, at, 'mastodon-server');
      followers.run(ids.bluesky, day, 500 + d * 2, at, 'bluesky-appview');
    }
    const pauseAt = opts.now - 3 * 86_400_000;
    events.append({ at: pauseAt, actor: 'user', kind: 'publishing paused', detail: 'Storm warning in the city' });
    events.append({ at: pauseAt + 2 * 3_600_000, actor: 'user', kind: 'publishing resumed', detail: 'Storm warning in the city' });
  })();
  return { accountIds: ids, firstPublishedAt: first, lastPublishedAt: last };
}
