// Only the publishing half of the backend (database, repositories, scheduler, engine), for child processes that
// must start fast: the kill loop restarts one a hundred times. It wires the same classes createBackend does.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { type Db, openDatabase } from '../core/db/database';
import { MediaStore } from '../core/media/mediaStore';
import type { PlatformRegistry } from '../core/platforms/types';
import { AccountsRepo } from '../core/repos/accounts';
import { CredentialProblemsRepo } from '../core/repos/credentialProblems';
import { EventLog } from '../core/repos/events';
import { MediaRepo } from '../core/repos/media';
import { PostsRepo } from '../core/repos/posts';
import { PublishingEngine } from '../core/scheduler/engine';
import { SchedulerLease } from '../core/scheduler/lease';
import { Scheduler } from '../core/scheduler/scheduler';
import { KeyFileCipher } from '../core/secrets/cipher';
import { createSecretStore } from '../core/secrets/secretStore';

export interface MinimalPublisher {
  readonly db: Db;
  readonly scheduler: Scheduler;
  readonly posts: PostsRepo;
  close(): Promise<void>;
}

/** Must match the file name createBackend uses. */
const DATABASE_FILE = 'kairos.sqlite';

export async function startMinimalPublisher(
  dataDir: string,
  platforms: PlatformRegistry,
  clock: Clock = systemClock,
): Promise<MinimalPublisher> {
  const db = await openDatabase(join(dataDir, DATABASE_FILE), { now: clock.now() });
  const events = new EventLog(db);
  const accounts = new AccountsRepo(db);
  const media = new MediaRepo(db);
  const posts = new PostsRepo(db, events, media);
  const secrets = createSecretStore(KeyFileCipher.inDataDir(dataDir), accounts, new CredentialProblemsRepo(db), clock);
  const scheduler = new Scheduler({
    posts,
    accounts,
    platforms,
    secrets,
    mediaStore: new MediaStore(dataDir, media),
    clock,
    lease: new SchedulerLease(db, randomBytes(8).toString('hex'), 'cli'),
    onPostsChanged: () => {},
    onAccountsChanged: () => {},
    onStatus: () => {},
  });
  new PublishingEngine({ db, events, posts, accounts, scheduler, clock, graceMinutes: () => 15, emit: () => {} });
  scheduler.start();
  return {
    db,
    scheduler,
    posts,
    async close() {
      await scheduler.stop();
      db.close();
    },
  };
}
