-- Numbers over time (SQLite 0009: snapshots per target with the latest of each, followers per day, what the audience
-- said, the signals the panel saw) and the Mastodon hand-off's own rows (SQLite 0004), in PostgreSQL types.
-- Times are timestamptz, JSON is jsonb, flags are boolean. Where SQLite's rowid breaks ties in a read's order, an
-- identity column (position) does here. Not here: report_schedules (0006) and the conversation tables the analytics
-- read (0007).

-- One row per target per snapshot. A post deleted on the network gets one 'deleted' row (counts null), never
-- zeros; the milestone says which planned snapshot it is, or 'manual'.
CREATE TABLE metric_snapshots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_id text NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  milestone text NOT NULL CHECK (milestone IN ('1h', '24h', '7d', '30d', 'manual')),
  taken_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('counted', 'deleted')),
  likes integer,
  reposts integer,
  replies integer,
  quotes integer,
  source text NOT NULL,
  CHECK ((state = 'counted' AND likes IS NOT NULL AND reposts IS NOT NULL AND replies IS NOT NULL)
      OR (state = 'deleted' AND likes IS NULL AND reposts IS NULL AND replies IS NULL AND quotes IS NULL))
);
CREATE INDEX metric_snapshots_by_target ON metric_snapshots (target_id, taken_at);
CREATE UNIQUE INDEX metric_snapshots_one_per_milestone ON metric_snapshots (target_id, milestone) WHERE milestone <> 'manual';

-- The latest counted numbers of each target and whether it was deleted, kept by the trigger below in the same
-- transaction as each snapshot, so the analytics read one row per target instead of searching its snapshots.
CREATE TABLE metric_latest (
  target_id text PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  likes integer,
  reposts integer,
  replies integer,
  quotes integer,
  taken_at timestamptz,
  deleted boolean NOT NULL DEFAULT false
);

CREATE FUNCTION metric_latest_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'counted' THEN
    -- An older reading arriving late does not replace a newer one.
    INSERT INTO metric_latest (target_id, likes, reposts, replies, quotes, taken_at)
      VALUES (NEW.target_id, NEW.likes, NEW.reposts, NEW.replies, NEW.quotes, NEW.taken_at)
    ON CONFLICT (target_id) DO UPDATE SET likes = excluded.likes, reposts = excluded.reposts, replies = excluded.replies,
      quotes = excluded.quotes, taken_at = excluded.taken_at
    WHERE metric_latest.taken_at IS NULL OR excluded.taken_at >= metric_latest.taken_at;
  ELSE
    INSERT INTO metric_latest (target_id, deleted) VALUES (NEW.target_id, true)
    ON CONFLICT (target_id) DO UPDATE SET deleted = true;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER metric_latest_after_snapshot AFTER INSERT ON metric_snapshots
  FOR EACH ROW EXECUTE FUNCTION metric_latest_keep();

-- Followers of an account, one row per UTC day (the last reading of the day wins).
CREATE TABLE follower_counts (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  followers integer NOT NULL,
  following integer,
  taken_at timestamptz NOT NULL,
  source text NOT NULL,
  PRIMARY KEY (account_id, day)
);

-- Replies to our published posts and mentions of our accounts, as they were when read.
CREATE TABLE audience_posts (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  remote_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reply', 'mention')),
  target_id text REFERENCES targets (id) ON DELETE SET NULL,
  author text NOT NULL,
  text text NOT NULL,
  url text,
  language text,
  created_at timestamptz NOT NULL,
  likes integer,
  reposts integer,
  replies integer,
  fetched_at timestamptz NOT NULL,
  -- The order rows were first read in (an update keeps it), for posts written at the same instant.
  position bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (account_id, remote_id)
);
CREATE INDEX audience_posts_by_time ON audience_posts (created_at);
CREATE INDEX audience_posts_by_target ON audience_posts (target_id);

-- What the conversation panel showed (trends and the like), appended each time it was refreshed.
CREATE TABLE signal_history (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL,
  term text NOT NULL DEFAULT '',
  items jsonb NOT NULL,
  fetched_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, kind, term, fetched_at)
);
CREATE INDEX signal_history_by_time ON signal_history (fetched_at);

-- Mastodon: one row per target handed to the server's own scheduler (scheduled_statuses), being handed off, being
-- taken back, or kept local. No foreign key to targets: the row outlives a deleted post so that its remote copy can
-- still be removed.
CREATE TABLE mastodon_handoffs (
  target_id text PRIMARY KEY,
  account_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('creating', 'scheduled', 'releasing', 'kept_local')),
  -- Stored before the request that creates the remote copy, reused if that request is repeated.
  idempotency_key text NOT NULL,
  remote_id text,
  remote_at timestamptz,
  content_hash text NOT NULL,
  due_at timestamptz,
  reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  position bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX mastodon_handoffs_by_account ON mastodon_handoffs (account_id, state);

-- Favourites, boosts and replies of published Mastodon posts, with when they were read.
CREATE TABLE mastodon_metrics (
  target_id text PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  remote_id text NOT NULL,
  likes integer NOT NULL,
  reposts integer NOT NULL,
  replies integer NOT NULL,
  quotes integer,
  fetched_at timestamptz NOT NULL
);
