-- The feature tables of the desktop database, in PostgreSQL types: posting slots and the app's preferences (SQLite
-- 0006), scheduled reports (0009, with 0013's note), evergreen queues and their copies, first comments and calendar
-- feed tokens (0010). Times are timestamptz, JSON is jsonb, flags are boolean. Days (YYYY-MM-DD) stay text, as the
-- desktop writes them: they are compared and shown as written, never computed with here.

-- An account with no row here uses the built-in weekday slots in the app's zone.
CREATE TABLE posting_schedules (
  account_id text PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  time_zone text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One row per weekly slot: a weekday and an HH:mm wall time in the schedule's zone.
CREATE TABLE posting_slots (
  account_id text NOT NULL REFERENCES posting_schedules (account_id) ON DELETE CASCADE,
  weekday text NOT NULL CHECK (weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  time text NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  PRIMARY KEY (account_id, weekday, time)
);

-- Quick-post shortcut, keep running in the tray, open at login, last quick-post accounts: JSON values by key.
CREATE TABLE app_preferences (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Weekly and monthly reports written to a folder, and what happened to the last run.
CREATE TABLE report_schedules (
  id text PRIMARY KEY,
  cadence text NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
  folder text NOT NULL,
  format text NOT NULL CHECK (format IN ('pdf', 'csv', 'html', 'json')),
  account_ids jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(account_ids) = 'array'),
  labels jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(labels) = 'array'),
  last_period_end text CHECK (last_period_end ~ '^\d{4}-\d{2}-\d{2}$'),
  last_written_at timestamptz,
  last_error text,
  -- The last error as a catalog problem ({"code", "params"}); its English is last_error.
  last_error_note jsonb CHECK (jsonb_typeof(last_error_note) = 'object'),
  created_at timestamptz NOT NULL
);

-- A label's evergreen queue: its evergreen posts are re-posted into free posting slots of their accounts,
-- each post no more often than every min_interval_days, and not after stop_date (YYYY-MM-DD in time_zone).
CREATE TABLE evergreen_queues (
  label text PRIMARY KEY,
  min_interval_days integer NOT NULL CHECK (min_interval_days >= 1),
  stop_date text CHECK (stop_date ~ '^\d{4}-\d{2}-\d{2}$'),
  time_zone text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Each copy an evergreen queue scheduled: which post it repeats, and the slot it was put in.
CREATE TABLE evergreen_reposts (
  copy_post_id text PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  source_post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  label text NOT NULL,
  slot_at timestamptz NOT NULL,
  variant integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL
);
CREATE INDEX evergreen_reposts_by_source ON evergreen_reposts (source_post_id, slot_at);
CREATE INDEX evergreen_reposts_by_label ON evergreen_reposts (label, slot_at);

-- The follow-up reply of a published target, posted once by the same account some minutes later. Its idempotency
-- key is chosen when the row is written, before any network call. Server processes claim due rows with row locks
-- (FOR UPDATE SKIP LOCKED), so each is sent by one of them.
CREATE TABLE target_followups (
  target_id text PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  text text NOT NULL,
  idempotency_key text NOT NULL,
  due_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('waiting', 'publishing', 'published', 'failed', 'unconfirmed')),
  attempts integer NOT NULL DEFAULT 0,
  lease_until timestamptz,
  remote_id text,
  remote_url text,
  last_error text,
  published_at timestamptz
);
CREATE INDEX target_followups_due ON target_followups (status, due_at);

-- Read-only calendar feed URLs: only a SHA-256 of each token is kept.
CREATE TABLE feed_tokens (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('schedule', 'observances')),
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE UNIQUE INDEX feed_tokens_by_hash ON feed_tokens (token_hash);
