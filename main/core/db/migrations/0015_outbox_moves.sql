-- The outbox also keeps moves of a post (posts.reschedule, a drag on the calendar) and cancels (posts.cancel) made
-- while the workspace cannot be reached. SQLite cannot change a CHECK in place, so the table is made again with the
-- wider list and its rows copied in order. `excerpt` holds a few words of the post as this computer last showed it:
-- a move of a post someone deleted meanwhile can still say which post it was.

ALTER TABLE workspace_outbox RENAME TO workspace_outbox_0014;
CREATE TABLE workspace_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('posts.create', 'posts.update', 'posts.delete', 'posts.reschedule', 'posts.cancel')),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  excerpt TEXT,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO workspace_outbox (seq, id, channel, payload, created_at, attempts)
  SELECT seq, id, channel, payload, created_at, attempts FROM workspace_outbox_0014 ORDER BY seq;
DROP TABLE workspace_outbox_0014;
CREATE UNIQUE INDEX workspace_outbox_id ON workspace_outbox (id);
