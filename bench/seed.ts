// Fills a data directory with many posts through the repositories, for benchmarks.

import { join } from 'node:path';
import { openDatabase } from '../main/core/db/database';
import { newIdempotencyKey } from '../main/core/ids';
import { AccountsRepo } from '../main/core/repos/accounts';
import { EventLog } from '../main/core/repos/events';
import { MediaRepo } from '../main/core/repos/media';
import { PostsRepo } from '../main/core/repos/posts';

export interface SeedResult {
  readonly accountIds: readonly string[];
  readonly from: number;
  readonly to: number;
}

/** The text of the `i`th seeded post (bench/renderer-compare.ts hands the same text to other calendars). */
export function seededText(i: number): string {
  return `Post number ${i}: planning the week with #kairos and a link https://example.org/${i}`;
}

/** When the `i`th of `count` posts spread evenly from `from` over `spanDays` is scheduled. */
export function seededAt(i: number, opts: { readonly from: number; readonly spanDays: number; readonly count: number }): number {
  return Math.floor(opts.from + i * ((opts.spanDays * 86_400_000) / opts.count));
}

/** `count` posts spread evenly from `from` over `spanDays`, each to one or two of `accounts` accounts. */
export async function seedPosts(
  dataDir: string,
  count: number,
  opts: { from: number; spanDays: number; accounts: number },
): Promise<SeedResult> {
  const db = await openDatabase(join(dataDir, 'kairos.sqlite'));
  const accounts = new AccountsRepo(db);
  const posts = new PostsRepo(db, new EventLog(db), new MediaRepo(db));
  const accountIds: string[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    const id = `acc_bench_${i}`;
    accounts.add({
      id,
      platform: 'discord',
      name: `Account ${i}`,
      handle: `hook ${i}`,
      avatarUrl: null,
      config: {},
      sealedSecret: Buffer.from([0]),
      now: opts.from,
    });
    accountIds.push(id);
  }
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = seededAt(i, { ...opts, count });
      const first = accountIds[i % accountIds.length] as string;
      const second = accountIds[(i + 1) % accountIds.length] as string;
      const targets = [first, ...(i % 3 === 0 && second !== first ? [second] : [])];
      posts.create(
        {
          id: `post_bench_${i}`,
          text: seededText(i),
          timeZone: 'Europe/Rome',
          scheduledAt: at,
          labels: i % 5 === 0 ? ['campaign'] : [],
          options: {},
          parts: [],
          media: [],
          draft: false,
          targets: targets.map((accountId, k) => ({
            id: `tgt_bench_${i}_${k}`,
            accountId,
            textOverride: null,
            idempotencyKey: newIdempotencyKey(),
          })),
          now: opts.from,
        },
        'system',
      );
    }
  })();
  db.close();
  return { accountIds, from: opts.from, to: opts.from + opts.spanDays * 86_400_000 };
}
