// The PostgreSQL stores: every store of main/core/stores/types.ts over one pool, for the workspace server's backend.
// Built once per process; the change feed (LISTEN/NOTIFY) tells this process's scheduler what the others changed.

import type pg from 'pg';
import type { SettingKey } from '../../../../shared/contract';
import type { OpenedStorage } from '../../../core/backend';
import { fail } from '../../../core/errors';
import type { StoreExtension, Stores } from '../../../core/stores/types';
import type { PgChangeFeed } from '../changeFeed';
import { PgAccountsStore } from './accounts';
import { PgAnalyticsStore } from './analytics';
import { PgAppPreferencesStore } from './appPreferences';
import { PgConversationSettingsStore, PgPreflightStore, PgSignalCacheStore, PgWaitingPostsStore, PgWatchlistStore } from './conversation';
import { PgCredentialProblemsStore } from './credentialProblems';
import { PgEventsStore } from './events';
import { PgEvergreenStore, recordCopy } from './evergreen';
import { PgExportMetricsStore } from './exportMetrics';
import { buildPgExtension, pgExtensionDeps } from './extensions';
import { PgFeedTokensStore } from './feedTokens';
import { PgFollowUpsStore } from './followUps';
import { PgLeaseStore } from './lease';
import { PgMediaRecordsStore } from './media';
import { PgMetricsStore } from './metrics';
import { PgPausesStore } from './pauses';
import { appendEvent, tx } from './pgDb';
import { NO_POST_HOOKS, PgPostsStore, type PostWriteHooks } from './posts';
import { PgReportSchedulesStore } from './reportSchedules';
import { PgReviewStore } from './review';
import { PgSeriesStore } from './series';
import { PgSettingsStore } from './settings';
import { PgSlotsStore } from './slots';

/** Backups of a workspace are PostgreSQL's (pg_dump, replication): the desktop's file copies do not apply. */
function noFileBackups(): never {
  throw fail('workspace_backups_elsewhere', {});
}

/**
 * `postHooks`: what runs in a post's own transaction when it is written (the review workflow's record of who wrote it
 * and whether a new revision began); nothing by default.
 */
export async function createPgStores(
  pool: pg.Pool,
  feed: PgChangeFeed,
  settingDefaults: Readonly<Record<SettingKey, string>>,
  postHooks: PostWriteHooks = NO_POST_HOOKS,
): Promise<OpenedStorage> {
  const settings = await PgSettingsStore.open(pool, settingDefaults);
  const posts = new PgPostsStore(pool, undefined, postHooks);
  const accounts = new PgAccountsStore(pool);
  const evergreen = new PgEvergreenStore(pool);
  const extensions = new Map<string, unknown>();
  const extensionDeps = pgExtensionDeps(pool, posts.transitions);
  let open = true;

  const stores: Stores = {
    isOpen: () => open,
    accounts,
    posts,
    events: new PgEventsStore(pool),
    media: new PgMediaRecordsStore(pool),
    credentialProblems: new PgCredentialProblemsStore(pool),
    pauses: new PgPausesStore(pool),
    series: new PgSeriesStore(pool, posts.transitions),
    review: new PgReviewStore(pool),
    lease: (holder, shell) => new PgLeaseStore(pool, holder, shell),
    settings,
    // What another server process changed (a post written there, a claim settled): this scheduler looks again.
    watchExternalChanges(onChange) {
      const stop = feed.subscribe(() => onChange());
      return { stop };
    },
    backups: {
      hasFiles: false,
      list: () => [],
      create: async () => noFileBackups(),
      latestVerified: () => null,
      verify: () => 'A workspace is backed up with pg_dump on its database server, not with file copies.',
      requestRestore: () => noFileBackups(),
    },
    waitingPosts: new PgWaitingPostsStore(pool),
    slots: new PgSlotsStore(pool, (c) => posts.within(c)),
    appPreferences: new PgAppPreferencesStore(pool),
    feedTokens: new PgFeedTokensStore(pool),
    exportMetrics: new PgExportMetricsStore(pool),
    reportSchedules: new PgReportSchedulesStore(pool),
    evergreen,
    async removeAccount(accountId, event) {
      return tx(pool, async (c) => {
        const within = posts.within(c);
        const affected = await within.postIdsOfAccount(accountId);
        await accounts.within(c).remove(accountId);
        await within.refreshStatuses(affected, event.at);
        await appendEvent(c, event);
        return affected;
      });
    },
    async saveEvergreenCopy(w) {
      await tx(pool, async (c) => {
        await posts.within(c).create(w.post, w.actor);
        await recordCopy(c, w.copy, w.post.now);
        await appendEvent(c, w.event);
      });
    },
    followUps: new PgFollowUpsStore(pool),
    metrics: new PgMetricsStore(pool),
    analytics: new PgAnalyticsStore(pool),
    conversationSettings: new PgConversationSettingsStore(pool),
    signalCache: new PgSignalCacheStore(pool),
    watchlist: new PgWatchlistStore(pool),
    preflight: new PgPreflightStore(pool, (c) => posts.transitions.within(c)),
    extension<T>(ext: StoreExtension<T>): T {
      if (!extensions.has(ext.name)) extensions.set(ext.name, buildPgExtension(ext, pool, extensionDeps));
      return extensions.get(ext.name) as T;
    },
  };
  return {
    stores,
    async close() {
      open = false;
      await settings.close();
    },
  };
}
