-- Accounts, posts, their per-account targets, settings, the event log and the publishing lease.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  name TEXT NOT NULL,
  handle TEXT NOT NULL,
  avatar_url TEXT,
  status TEXT NOT NULL DEFAULT 'connected',
  status_reason TEXT,
  config TEXT NOT NULL DEFAULT '{}',
  secret BLOB,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE posts (
  id TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  scheduled_at INTEGER,
  status TEXT NOT NULL,
  labels TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX posts_by_scheduled_at ON posts (scheduled_at, created_at);

CREATE TABLE targets (
  id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  text_override TEXT,
  due_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  idempotency_key TEXT NOT NULL,
  lease_until INTEGER,
  remote_id TEXT,
  remote_url TEXT,
  last_error TEXT,
  published_at INTEGER,
  UNIQUE (post_id, account_id)
) STRICT;
CREATE INDEX targets_by_status_due ON targets (status, due_at);
CREATE INDEX targets_by_account ON targets (account_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  post_id TEXT,
  target_id TEXT,
  account_id TEXT,
  detail TEXT
) STRICT;
CREATE INDEX events_by_post ON events (post_id, at);

CREATE TABLE scheduler_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder TEXT NOT NULL,
  description TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
