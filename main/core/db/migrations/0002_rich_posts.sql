-- Post options, thread parts, media attachments, and per-part publishing progress.

ALTER TABLE posts ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
ALTER TABLE posts ADD COLUMN parts TEXT NOT NULL DEFAULT '[]';
-- A target handed to the network's own scheduler (Mastodon scheduled_statuses): the remote id and when it fires.
ALTER TABLE targets ADD COLUMN handoff_id TEXT;
ALTER TABLE targets ADD COLUMN handoff_at INTEGER;

CREATE TABLE media (
  id TEXT PRIMARY KEY,
  post_id TEXT REFERENCES posts (id) ON DELETE SET NULL,
  part_index INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  alt TEXT NOT NULL DEFAULT '',
  focus_x REAL,
  focus_y REAL,
  stored_name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX media_by_post ON media (post_id, part_index, position);

CREATE TABLE target_parts (
  target_id TEXT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  part_index INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  remote_id TEXT,
  remote_url TEXT,
  remote_ref TEXT,
  published_at INTEGER,
  PRIMARY KEY (target_id, part_index)
) STRICT;
