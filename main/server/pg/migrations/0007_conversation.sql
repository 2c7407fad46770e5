-- The conversation panel's tables (SQLite 0005), in PostgreSQL types: cached signals, term volumes, the watchlist and
-- its alerts, the panel's settings and the user's awareness days, pre-flight checks and per-post opt-outs.
-- Times are timestamptz, stored JSON is jsonb. Where SQLite orders by rowid (the newest alert or check first when two
-- share a time) a `position` identity column keeps the order rows were written in; an upsert keeps its position, as
-- SQLite keeps its rowid.

-- The last answer of each network for an account: trends, mentions, or a search for one term ('' for the first two).
CREATE TABLE signal_cache (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('trends', 'mentions', 'search')),
  term text NOT NULL DEFAULT '',
  items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
  fetched_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, kind, term)
);

-- Uses per hour of a term each time it was searched: the "usual level" it is compared with.
CREATE TABLE term_volume (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  term text NOT NULL,
  at timestamptz NOT NULL,
  per_hour integer NOT NULL
);
CREATE INDEX term_volume_by_term ON term_volume (account_id, term, at);
-- Old measurements are pruned across every account at each search.
CREATE INDEX term_volume_by_time ON term_volume (at);

CREATE TABLE watch_terms (
  id text PRIMARY KEY,
  term text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX watch_terms_by_term ON watch_terms (term);

-- One row per thing that matched (dedupe_key), so the same trend or mention alerts once.
CREATE TABLE conversation_alerts (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('watch', 'preflight')),
  dedupe_key text NOT NULL,
  watch_term_id text REFERENCES watch_terms (id) ON DELETE CASCADE,
  term text NOT NULL,
  severity text NOT NULL,
  source text NOT NULL,
  platform text,
  account_id text REFERENCES accounts (id) ON DELETE SET NULL,
  post_id text REFERENCES posts (id) ON DELETE CASCADE,
  text text NOT NULL,
  url text,
  created_at timestamptz NOT NULL,
  dismissed_at timestamptz,
  position bigint GENERATED ALWAYS AS IDENTITY
);
CREATE UNIQUE INDEX conversation_alerts_by_key ON conversation_alerts (dedupe_key);
CREATE INDEX conversation_alerts_active ON conversation_alerts (created_at DESC, position DESC) WHERE dismissed_at IS NULL;
CREATE INDEX conversation_alerts_by_post ON conversation_alerts (post_id) WHERE kind = 'preflight' AND dismissed_at IS NULL;

-- Countries, brand names and pre-flight settings, each a JSON value under its own key.
CREATE TABLE conversation_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Awareness days the user added to the shipped list; rule is a fixed date, a whole month or an nth weekday.
CREATE TABLE awareness_days (
  id text PRIMARY KEY,
  name text NOT NULL,
  rule jsonb NOT NULL CHECK (jsonb_typeof(rule) = 'object'),
  url text,
  created_at timestamptz NOT NULL
);

-- The pre-flight check of a target for one due time, and the user's decision when it held the post.
CREATE TABLE preflight_checks (
  target_id text NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  checked_at timestamptz NOT NULL,
  result text NOT NULL CHECK (result IN ('clear', 'held', 'skipped')),
  reason text NOT NULL,
  decision text CHECK (decision IN ('send', 'hold', 'edit')),
  decided_at timestamptz,
  position bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (target_id, due_at)
);
CREATE INDEX preflight_checks_by_post ON preflight_checks (post_id, checked_at);

CREATE TABLE preflight_skipped_posts (
  post_id text PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);
