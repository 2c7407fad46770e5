-- The desktop app as a workspace client: the workspace this computer is signed in to, the changes to posts kept
-- here while it cannot be reached (sent in order when it can), and what happened to those changes when they were.

-- One row at most: this computer is connected to one workspace or none. The session cookie is sealed with the
-- desktop's cipher (the system keychain, or the key file); NULL once the session ended and until the next sign-in.
CREATE TABLE workspace_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  email TEXT NOT NULL,
  member TEXT CHECK (member IS NULL OR json_valid(member)),
  session BLOB,
  connected_at INTEGER NOT NULL
) STRICT;

-- The outbox, in the order the changes were made. Each entry has its own id: a posts.create carries one as its
-- client request id, so sending it again after a lost answer does not make a second post.
CREATE TABLE workspace_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('posts.create', 'posts.update', 'posts.delete')),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX workspace_outbox_id ON workspace_outbox (id);

-- Conflicts and refusals met while sending the outbox, as catalog problems (their English beside), newest kept.
CREATE TABLE workspace_notes (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  problem TEXT NOT NULL CHECK (json_valid(problem)),
  message TEXT NOT NULL
) STRICT;
CREATE INDEX workspace_notes_at ON workspace_notes (at);
