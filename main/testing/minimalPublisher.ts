// Only the publishing half of the backend (database, repositories, scheduler, engine), for child processes that
// must start fast: the kill loop restarts one a hundred times. It wires the same classes createBackend does.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { type Db, openDatabase } from '../core/db/database';
import { MediaStore } from '../core/media/mediaStore';
import type { PlatformRegistry } from '../core/platforms/types';
import { PublishingEngine } from '../core/scheduler/engine';
import { Scheduler } from '../core/scheduler/scheduler';
import { KeyFileCipher } from '../core/secrets/cipher';
import { createSecretStore } from '../core/secrets/secretStore';
import { createSqliteStores } from '../core/stores/sqlite';
import type { PostsStore } from '../core/stores/types';

export interface MinimalPublisher {
  readonly db: Db;
  readonly scheduler: Scheduler;
  readonly posts: PostsStore;
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
  const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  const { events, accounts, media, posts } = stores;
  const secrets = createSecretStore(KeyFileCipher.inDataDir(dataDir), accounts, stores.credentialProblems, clock);
  const scheduler = new Scheduler({
    posts,
    accounts,
    platforms,
    secrets,
    mediaStore: new MediaStore(dataDir, media),
    clock,
    lease: stores.lease(randomBytes(8).toString('hex'), 'cli'),
    onPostsChanged: () => {},
    onAccountsChanged: () => {},
    onStatus: () => {},
  });
  new PublishingEngine({
    pauses: stores.pauses,
    series: stores.series,
    review: stores.review,
    backups: stores.backups,
    events,
    posts,
    accounts,
    scheduler,
    clock,
    graceMinutes: () => 15,
    emit: () => {},
  });
  await scheduler.start();
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
