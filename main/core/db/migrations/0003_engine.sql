-- Publishing engine: who claimed a target and why it waits, the crisis brake (pauses), and recurring series.

-- The scheduler (lease holder) that claimed a target, and when; recovery tells abandoned claims from live ones.
ALTER TABLE targets ADD COLUMN claimed_by TEXT;
ALTER TABLE targets ADD COLUMN claimed_at INTEGER;
-- When the target was meant to go out. due_at moves with retries; this does not, so lateness is measured from it.
ALTER TABLE targets ADD COLUMN intended_at INTEGER;
-- What a scheduled or retrying target waits for: network, server, rate_limit, account. NULL when nothing.
ALTER TABLE targets ADD COLUMN wait_kind TEXT;
-- Why a target is held: pause, account_pause, preflight, user. NULL unless held.
ALTER TABLE targets ADD COLUMN hold_kind TEXT;
-- 1 when the user chose "publish now": it goes out even while paused and past the grace window.
ALTER TABLE targets ADD COLUMN force_publish INTEGER NOT NULL DEFAULT 0;
UPDATE targets SET intended_at = due_at WHERE due_at IS NOT NULL;
CREATE INDEX targets_by_claim ON targets (status, claimed_by);

-- "Pause all publishing" (scope 'all') and per-account pauses (scope = the account id).
CREATE TABLE pauses (
  scope TEXT PRIMARY KEY,
  account_id TEXT REFERENCES accounts (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  since INTEGER NOT NULL,
  resume_at INTEGER,
  actor TEXT NOT NULL,
  CHECK ((scope = 'all' AND account_id IS NULL) OR scope = account_id)
) STRICT;

-- A recurring post: the rule, the wall time and zone it fires at, and the content each occurrence copies.
CREATE TABLE recurring_series (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  wall_time TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  template TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Each occurrence is an ordinary post that remembers its series and the occurrence it stands for.
ALTER TABLE posts ADD COLUMN series_id TEXT REFERENCES recurring_series (id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN occurrence_at INTEGER;
CREATE INDEX posts_by_series ON posts (series_id, occurrence_at);
