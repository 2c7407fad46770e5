-- Numbers over time for published targets, follower counts per day, what the audience said, and the
-- conversation signals the panel saw, each kept with the time it was read so a report a month later
-- can say what was true then.

-- One row per target per snapshot. A post deleted on the network gets one 'deleted' row (counts NULL),
-- never zeros; the milestone says which planned snapshot it is ('1h', '24h', '7d', '30d') or 'manual'.
CREATE TABLE metric_snapshots (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  milestone TEXT NOT NULL CHECK (milestone IN ('1h', '24h', '7d', '30d', 'manual')),
  taken_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('counted', 'deleted')),
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  quotes INTEGER,
  source TEXT NOT NULL,
  CHECK ((state = 'counted' AND likes IS NOT NULL AND reposts IS NOT NULL AND replies IS NOT NULL)
      OR (state = 'deleted' AND likes IS NULL AND reposts IS NULL AND replies IS NULL AND quotes IS NULL))
) STRICT;
CREATE INDEX metric_snapshots_by_target ON metric_snapshots (target_id, taken_at);
CREATE INDEX targets_by_published ON targets (status, published_at);
CREATE UNIQUE INDEX metric_snapshots_one_per_milestone ON metric_snapshots (target_id, milestone) WHERE milestone <> 'manual';

-- The latest counted numbers of each target and whether it was deleted, kept by triggers in the same
-- transaction as each snapshot, so the analytics view reads one row per target instead of searching its snapshots.
CREATE TABLE metric_latest (
  target_id TEXT PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  quotes INTEGER,
  taken_at INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER metric_latest_counted AFTER INSERT ON metric_snapshots WHEN NEW.state = 'counted'
BEGIN
  INSERT INTO metric_latest (target_id, likes, reposts, replies, quotes, taken_at)
    VALUES (NEW.target_id, NEW.likes, NEW.reposts, NEW.replies, NEW.quotes, NEW.taken_at)
  ON CONFLICT (target_id) DO UPDATE SET likes = excluded.likes, reposts = excluded.reposts, replies = excluded.replies,
    quotes = excluded.quotes, taken_at = excluded.taken_at
  WHERE metric_latest.taken_at IS NULL OR excluded.taken_at >= metric_latest.taken_at;
END;

CREATE TRIGGER metric_latest_deleted AFTER INSERT ON metric_snapshots WHEN NEW.state = 'deleted'
BEGIN
  INSERT INTO metric_latest (target_id, deleted) VALUES (NEW.target_id, 1)
  ON CONFLICT (target_id) DO UPDATE SET deleted = 1;
END;

-- Followers of an account, one row per UTC day (the last reading of the day wins).
CREATE TABLE follower_counts (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  followers INTEGER NOT NULL,
  following INTEGER,
  taken_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (account_id, day)
) STRICT;

-- Replies to our published posts and mentions of our accounts, as they were when read.
CREATE TABLE audience_posts (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  remote_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'mention')),
  target_id TEXT REFERENCES targets (id) ON DELETE SET NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  url TEXT,
  language TEXT,
  created_at INTEGER NOT NULL,
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, remote_id)
) STRICT;
CREATE INDEX audience_posts_by_time ON audience_posts (created_at);
CREATE INDEX audience_posts_by_target ON audience_posts (target_id);

-- What the conversation panel showed (trends and the like), appended each time it was refreshed.
CREATE TABLE signal_history (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  term TEXT NOT NULL DEFAULT '',
  items TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, term, fetched_at)
) STRICT;
CREATE INDEX signal_history_by_time ON signal_history (fetched_at);

-- Reports written on a schedule: where, how often, the user's language, and when the last one was written.
CREATE TABLE report_schedules (
  id TEXT PRIMARY KEY,
  cadence TEXT NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
  folder TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('pdf', 'csv', 'html', 'json')),
  account_ids TEXT NOT NULL DEFAULT '[]',
  labels TEXT NOT NULL DEFAULT '[]',
  last_period_end TEXT,
  last_written_at INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL
) STRICT;
