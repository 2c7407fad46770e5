-- The publishing tables of the desktop database (SQLite migrations 0001-0012), in PostgreSQL types: accounts, posts,
-- their per-account targets and thread parts, media, settings, the event log, pauses and recurring series.
-- Times are timestamptz (SQLite keeps epoch milliseconds), JSON is jsonb, flags are boolean; ids stay text.
-- Not mirrored: scheduler_lease (several server processes claim targets with row locks instead), the target_marks
-- column and its triggers (a calendar month is read with a join here), and the network and conversation tables,
-- which come with the stores that use them.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  platform text NOT NULL,
  name text NOT NULL,
  handle text NOT NULL,
  avatar_url text,
  status text NOT NULL DEFAULT 'connected',
  status_reason text,
  config jsonb NOT NULL DEFAULT '{}',
  -- Sealed with the server key; never the credential in the clear.
  secret bytea,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE recurring_series (
  id text PRIMARY KEY,
  rule jsonb NOT NULL,
  wall_time text NOT NULL CHECK (wall_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  time_zone text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  template jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE posts (
  id text PRIMARY KEY,
  text text NOT NULL,
  time_zone text NOT NULL,
  scheduled_at timestamptz,
  status text NOT NULL,
  labels jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(labels) = 'array'),
  options jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
  parts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(parts) = 'array'),
  series_id text REFERENCES recurring_series (id) ON DELETE SET NULL,
  occurrence_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX posts_by_scheduled_at ON posts (scheduled_at, created_at);
CREATE INDEX posts_by_series ON posts (series_id, occurrence_at);
CREATE INDEX posts_by_label ON posts USING gin (labels);

CREATE TABLE targets (
  id text PRIMARY KEY,
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status text NOT NULL,
  text_override text,
  due_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  idempotency_key text NOT NULL,
  lease_until timestamptz,
  remote_id text,
  remote_url text,
  last_error text,
  published_at timestamptz,
  -- Handed to the network's own scheduler (Mastodon scheduled_statuses): the remote id and when it fires.
  handoff_id text,
  handoff_at timestamptz,
  -- The server process that claimed the target, and when; recovery tells abandoned claims from live ones.
  claimed_by text,
  claimed_at timestamptz,
  -- When it was meant to go out; due_at moves with retries, this does not.
  intended_at timestamptz,
  wait_kind text,
  hold_kind text,
  force_publish boolean NOT NULL DEFAULT false,
  -- Kept in the order targets were added, as SQLite's rowid keeps it for the calendar's marks.
  position bigint GENERATED ALWAYS AS IDENTITY,
  UNIQUE (post_id, account_id)
);
CREATE INDEX targets_by_status_due ON targets (status, due_at);
CREATE INDEX targets_by_account ON targets (account_id);
CREATE INDEX targets_by_claim ON targets (status, claimed_by);
CREATE INDEX targets_by_published ON targets (status, published_at);

CREATE TABLE target_parts (
  target_id text NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  part_index integer NOT NULL,
  idempotency_key text NOT NULL,
  remote_id text,
  remote_url text,
  remote_ref text,
  published_at timestamptz,
  PRIMARY KEY (target_id, part_index)
);

CREATE TABLE media (
  id text PRIMARY KEY,
  post_id text REFERENCES posts (id) ON DELETE SET NULL,
  part_index integer NOT NULL DEFAULT 0,
  position integer NOT NULL DEFAULT 0,
  file_name text NOT NULL,
  mime text NOT NULL,
  bytes bigint NOT NULL,
  width integer,
  height integer,
  alt text NOT NULL DEFAULT '',
  focus_x double precision,
  focus_y double precision,
  stored_name text NOT NULL,
  created_at timestamptz NOT NULL,
  -- When no post used it any more (null while one does), so unused files can be deleted.
  unused_since timestamptz
);
CREATE INDEX media_by_post ON media (post_id, part_index, position);
CREATE INDEX media_unused ON media (unused_since) WHERE post_id IS NULL;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  post_id text,
  target_id text,
  account_id text,
  detail text
);
CREATE INDEX events_by_post ON events (post_id, at);

-- "Pause all publishing" (scope 'all') and per-account pauses (scope = the account id).
CREATE TABLE pauses (
  scope text PRIMARY KEY,
  account_id text REFERENCES accounts (id) ON DELETE CASCADE,
  reason text NOT NULL,
  since timestamptz NOT NULL,
  resume_at timestamptz,
  actor text NOT NULL,
  CHECK ((scope = 'all' AND account_id IS NULL) OR scope = account_id)
);
