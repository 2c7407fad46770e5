// The backend core on the workspace's PostgreSQL: the same createBackend every shell uses, its stores on the shared
// database, credentials sealed with the server key, and each contract call made in the name of the person who sent it.
// Several server processes may run on one database: each publishes (claims take row locks), and each tells the others
// what changed, so their schedulers wake and their event streams stay current.

import type pg from 'pg';
import { type BackendEvent, type Channel, type SettingKey, SHELL_CHANNELS } from '../../shared/contract';
import { type Backend, createBackend, type OpenedStorage } from '../core/backend';
import type { Clock } from '../core/clock';
import type { ProbeFn } from '../core/connectivity/probe';
import type { BackendFeature } from '../core/features';
import type { SchedulerTuning } from '../core/scheduler/scheduler';
import type { WorkspaceContract } from './http/workspaceServer';
import type { LoadedServerKey } from './key/serverKey';
import { ServerKeyCipher } from './key/serverKeyCipher';
import { PgChangeFeed } from './pg/changeFeed';
import { actingMember } from './pg/stores/pgDb';

/** Opens the PostgreSQL stores over the pool; the feed carries other processes' changes to watchExternalChanges. */
export type OpenPgStores = (
  pool: pg.Pool,
  feed: PgChangeFeed,
  settingDefaults: Readonly<Record<SettingKey, string>>,
  now: number,
) => Promise<OpenedStorage>;

export interface WorkspaceBackendOptions {
  readonly pool: pg.Pool;
  readonly key: LoadedServerKey;
  /** Where media files and written reports live: one folder every server process of the workspace shares. */
  readonly dataDir: string;
  readonly features: readonly BackendFeature[];
  readonly openStores: OpenPgStores;
  readonly version?: string;
  readonly clock?: Clock;
  readonly connectivityProbe?: ProbeFn;
  readonly schedulerTuning?: Partial<SchedulerTuning>;
}

export interface WorkspaceBackend {
  readonly backend: Backend;
  readonly contract: WorkspaceContract;
  close(): Promise<void>;
}

/** The channels a person reaches over HTTP: those of a page (browser mode's), never one that names files on disk. */
const SERVED = SHELL_CHANNELS.browser;

export async function startWorkspaceBackend(o: WorkspaceBackendOptions): Promise<WorkspaceBackend> {
  const feed = await PgChangeFeed.open(o.pool);
  let backend: Backend;
  try {
    backend = await createBackend({
      dataDir: o.dataDir,
      features: o.features,
      shell: 'browser',
      runScheduler: true,
      cipher: new ServerKeyCipher(o.key.sealer, o.key.source),
      storage: { open: ({ now, settingDefaults }) => o.openStores(o.pool, feed, settingDefaults, now) },
      ...(o.version ? { version: o.version } : {}),
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.connectivityProbe ? { connectivityProbe: o.connectivityProbe } : {}),
      ...(o.schedulerTuning ? { schedulerTuning: o.schedulerTuning } : {}),
    });
  } catch (e) {
    await feed.close();
    throw e;
  }
  // What this process changed, the others hear.
  const stopSharing = backend.subscribe((event) => {
    void feed.publish(event);
  });

  // The calendar shows a post's review state: open windows refetch the post.
  const reviewListeners = new Set<(event: BackendEvent) => void>();
  const tellPostChanged = (postId: string) => {
    for (const l of reviewListeners) l({ type: 'posts.changed', postIds: [postId] });
  };

  const contract: WorkspaceContract = {
    serves: (channel: Channel) => SERVED.has(channel),
    // Every history line written for this call names the person (events.user_id).
    invoke: (channel, payload, caller) =>
      actingMember.run({ id: caller.user.id, displayName: caller.user.displayName, role: caller.user.role }, () =>
        backend.invoke(channel, payload),
      ),
    // An approval makes a post that waited for it publishable at once (the claim asks kairos_publish_block).
    reviewChanged: (postId) => {
      backend.scheduler.wake();
      tellPostChanged(postId);
    },
    rulesChanged: () => backend.scheduler.wake(),
    subscribe(listener: (event: BackendEvent) => void) {
      const local = backend.subscribe(listener);
      reviewListeners.add(listener);
      const others = feed.subscribe((news) => {
        if (news.kind === 'event') listener(news.event);
        else {
          // The link to the others was lost for a while: whatever they changed meanwhile was not heard.
          listener({ type: 'posts.changed', postIds: [] });
          listener({ type: 'accounts.changed' });
          listener({ type: 'settings.changed' });
        }
      });
      return () => {
        local();
        others();
        reviewListeners.delete(listener);
      };
    },
  };

  return {
    backend,
    contract,
    async close() {
      stopSharing();
      await backend.close();
      await feed.close();
    },
  };
}
