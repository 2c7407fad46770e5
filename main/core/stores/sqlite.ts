// The SQLite stores: every repository built once over the one open database, and the only place that holds it.

import type { SettingKey } from '../../../shared/contract';
import { WaitingPostsRepo } from '../connectivity/waitingPosts';
import { PreflightRepo } from '../conversation/preflightRepo';
import { ConversationSettingsRepo } from '../conversation/settingsRepo';
import { SignalCacheRepo } from '../conversation/signalCache';
import { WatchlistRepo } from '../conversation/watchlist';
import { backupInfos, createVerifiedBackup, latestVerifiedBackup, requestRestoreOnNextStart, verifyBackup } from '../db/backups';
import type { Db } from '../db/database';
import { watchExternalChanges } from '../db/externalChanges';
import { AppPreferencesRepo } from '../desktop/preferencesRepo';
import { EvergreenRepo } from '../evergreen/evergreenRepo';
import { FollowUpsRepo } from '../followups/followupRepo';
import { ExportMetricsRepo } from '../importExport/exportPosts';
import { FeedTokensRepo } from '../importExport/feeds';
import { MetricsRepo } from '../metrics/metricsRepo';
import { PostingSlotsRepo } from '../queue/slotsRepo';
import { AnalyticsRepo } from '../reports/analyticsRepo';
import { ReportSchedulesRepo } from '../reports/scheduledReports';
import { AccountsRepo } from '../repos/accounts';
import { CredentialProblemsRepo } from '../repos/credentialProblems';
import { EventLog } from '../repos/events';
import { MediaRepo } from '../repos/media';
import { PauseRepo } from '../repos/pause';
import { PostsRepo } from '../repos/posts';
import { SeriesRepo } from '../repos/recurrence';
import { ReviewRepo } from '../repos/review';
import { SettingsRepo } from '../repos/settings';
import { SchedulerLease } from '../scheduler/lease';
import { promised } from './promised';
import type { SqliteRepos } from './sqliteRepos';
import type { StoreExtension, Stores } from './types';

export function createSqliteStores(db: Db, settingDefaults: Readonly<Record<SettingKey, string>>): Stores {
  const events = new EventLog(db);
  const media = new MediaRepo(db);
  const posts = new PostsRepo(db, events, media);
  const evergreen = new EvergreenRepo(db);
  const accounts = new AccountsRepo(db);
  const credentialProblems = new CredentialProblemsRepo(db);
  const repos: SqliteRepos = { accounts, posts, events, media, credentialProblems };
  const extensions = new Map<string, unknown>();
  const inMemory = db.name === ':memory:';

  const stores: Stores = {
    isOpen: () => db.open,
    // Each call one synchronous SQLite call (one transaction where it writes), answered as a settled promise.
    accounts: promised(accounts),
    posts: promised(posts, { transitions: promised(posts.transitions), queue: promised(posts.queue) }),
    events: promised(events),
    media: promised(media),
    settings: new SettingsRepo(db, settingDefaults),
    credentialProblems: promised(credentialProblems),
    pauses: promised(new PauseRepo(db, events)),
    series: promised(new SeriesRepo(db, events, posts.transitions)),
    review: promised(new ReviewRepo(db)),
    lease: (holder, shell) => promised(new SchedulerLease(db, holder, shell)),
    watchExternalChanges: (onChange) => watchExternalChanges(db, onChange),
    backups: {
      hasFiles: !inMemory,
      list: () => (inMemory ? [] : backupInfos(db.name)),
      create: (label, now) => createVerifiedBackup(db, db.name, { now, label }),
      latestVerified: () => (inMemory ? null : latestVerifiedBackup(db.name)),
      verify: (path) => verifyBackup(path),
      requestRestore: (path) => requestRestoreOnNextStart(db.name, path),
    },
    waitingPosts: promised(new WaitingPostsRepo(db)),
    slots: (() => {
      const slots = new PostingSlotsRepo(db);
      const answered = promised(slots);
      return {
        get: (accountId) => answered.get(accountId),
        set: (accountId, schedule, now) => answered.set(accountId, schedule, now),
        takenInstants: (accountIds, from, to) => answered.takenInstants(accountIds, from, to),
        take: async (accountIds, from, to, choose, write) =>
          db
            .transaction(() => {
              const saved = new Map(accountIds.map((id) => [id, slots.get(id)] as const));
              const slot = choose(saved, slots.takenInstants(accountIds, from, to));
              const w = write(slot);
              const post = 'create' in w ? posts.create(w.create, w.actor) : posts.update(w.update.id, w.update.change, w.actor);
              return { slot, post };
            })
            .immediate(),
      };
    })(),
    appPreferences: promised(new AppPreferencesRepo(db)),
    feedTokens: promised(new FeedTokensRepo(db)),
    exportMetrics: promised(new ExportMetricsRepo(db)),
    reportSchedules: promised(new ReportSchedulesRepo(db)),
    evergreen: promised(evergreen),
    async removeAccount(accountId, event) {
      return db
        .transaction(() => {
          const affected = posts.postIdsOfAccount(accountId);
          accounts.remove(accountId);
          posts.refreshStatuses(affected, event.at);
          events.append(event);
          return affected;
        })
        .immediate();
    },
    async saveEvergreenCopy(w) {
      db.transaction(() => {
        posts.create(w.post, w.actor);
        evergreen.recordCopy(w.copy, w.post.now);
        events.append(w.event);
      })();
    },
    followUps: promised(new FollowUpsRepo(db)),
    metrics: promised(new MetricsRepo(db)),
    analytics: promised(new AnalyticsRepo(db)),
    conversationSettings: promised(new ConversationSettingsRepo(db)),
    signalCache: promised(new SignalCacheRepo(db)),
    watchlist: promised(new WatchlistRepo(db)),
    preflight: promised(new PreflightRepo(db, posts, events)),
    extension<T>(ext: StoreExtension<T>): T {
      if (!extensions.has(ext.name)) extensions.set(ext.name, ext.sqlite(db, repos));
      return extensions.get(ext.name) as T;
    },
  };
  return stores;
}
