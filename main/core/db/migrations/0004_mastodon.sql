-- Mastodon: posts handed to the server's own scheduler (scheduled_statuses), and the numbers of published posts.

-- One row per target Kairos handed off, is handing off, is taking back, or decided to keep local.
-- No foreign key to targets: the row must outlive a deleted post so that its remote copy can still be removed.
CREATE TABLE mastodon_handoffs (
  target_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  -- creating | scheduled | releasing | kept_local
  state TEXT NOT NULL,
  -- Stored before the request that creates the remote copy, reused if that request is repeated.
  idempotency_key TEXT NOT NULL,
  remote_id TEXT,
  remote_at INTEGER,
  content_hash TEXT NOT NULL,
  due_at INTEGER,
  reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX mastodon_handoffs_by_account ON mastodon_handoffs (account_id, state);

CREATE TABLE mastodon_metrics (
  target_id TEXT PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  remote_id TEXT NOT NULL,
  likes INTEGER NOT NULL,
  reposts INTEGER NOT NULL,
  replies INTEGER NOT NULL,
  quotes INTEGER,
  fetched_at INTEGER NOT NULL
) STRICT;
