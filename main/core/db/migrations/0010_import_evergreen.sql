-- Evergreen queues, follow-up replies ("first comments") and read-only calendar feed tokens.

-- A label's evergreen queue: its evergreen posts are re-posted into free posting slots of their accounts,
-- each post no more often than every min_interval_days, and not after stop_date (YYYY-MM-DD in time_zone).
CREATE TABLE evergreen_queues (
  label TEXT PRIMARY KEY,
  min_interval_days INTEGER NOT NULL CHECK (min_interval_days >= 1),
  stop_date TEXT,
  time_zone TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Each copy an evergreen queue scheduled: which post it repeats, and the slot it was put in.
CREATE TABLE evergreen_reposts (
  copy_post_id TEXT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  source_post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  variant INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX evergreen_reposts_by_source ON evergreen_reposts (source_post_id, slot_at);
CREATE INDEX evergreen_reposts_by_label ON evergreen_reposts (label, slot_at);

-- The follow-up reply of a published target, posted once by the same account some minutes later. Its
-- idempotency key is chosen when the row is written, before any network call, like a thread part's.
CREATE TABLE target_followups (
  target_id TEXT PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'publishing', 'published', 'failed', 'unconfirmed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  remote_id TEXT,
  remote_url TEXT,
  last_error TEXT,
  published_at INTEGER
) STRICT;
CREATE INDEX target_followups_due ON target_followups (status, due_at);

-- Read-only calendar feed URLs for browser mode: only a SHA-256 of each token is kept.
CREATE TABLE feed_tokens (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('schedule', 'observances')),
  token_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE UNIQUE INDEX feed_tokens_by_hash ON feed_tokens (token_hash);
