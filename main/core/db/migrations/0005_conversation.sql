-- The conversation panel: cached signals, term volumes, the watchlist and its alerts, observances, pre-flight checks.

-- The last answer of each network for an account: trends, mentions, or a search for one term ('' for the first two).
CREATE TABLE signal_cache (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('trends', 'mentions', 'search')),
  term TEXT NOT NULL DEFAULT '',
  items TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, term)
) STRICT;

-- Uses per hour of a term each time it was searched: the "usual level" it is compared with.
CREATE TABLE term_volume (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  at INTEGER NOT NULL,
  per_hour INTEGER NOT NULL
) STRICT;
CREATE INDEX term_volume_by_term ON term_volume (account_id, term, at);

CREATE TABLE watch_terms (
  id TEXT PRIMARY KEY,
  term TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX watch_terms_by_term ON watch_terms (term);

-- One row per thing that matched (dedupe_key), so the same trend or mention alerts once.
CREATE TABLE conversation_alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('watch', 'preflight')),
  dedupe_key TEXT NOT NULL,
  watch_term_id TEXT REFERENCES watch_terms (id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  severity TEXT NOT NULL,
  source TEXT NOT NULL,
  platform TEXT,
  account_id TEXT REFERENCES accounts (id) ON DELETE SET NULL,
  post_id TEXT REFERENCES posts (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  url TEXT,
  created_at INTEGER NOT NULL,
  dismissed_at INTEGER
) STRICT;
CREATE UNIQUE INDEX conversation_alerts_by_key ON conversation_alerts (dedupe_key);
CREATE INDEX conversation_alerts_active ON conversation_alerts (dismissed_at, created_at);

-- Countries, brand names and pre-flight settings, as JSON values under their own keys.
CREATE TABLE conversation_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Awareness days the user added to the shipped list; rule is JSON (fixed date, whole month, nth weekday).
CREATE TABLE awareness_days (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  rule TEXT NOT NULL,
  url TEXT,
  created_at INTEGER NOT NULL
) STRICT;

-- The pre-flight check of a target for one due time, and the user's decision when it held the post.
CREATE TABLE preflight_checks (
  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  due_at INTEGER NOT NULL,
  post_id TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  checked_at INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('clear', 'held', 'skipped')),
  reason TEXT NOT NULL,
  decision TEXT CHECK (decision IN ('send', 'hold', 'edit')),
  decided_at INTEGER,
  PRIMARY KEY (target_id, due_at)
) STRICT;
CREATE INDEX preflight_checks_by_post ON preflight_checks (post_id, checked_at);

CREATE TABLE preflight_skipped_posts (
  post_id TEXT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
) STRICT;
