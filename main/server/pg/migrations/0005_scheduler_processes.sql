-- Several server processes publish from one database: each registers itself here and renews its row while it runs.
-- A target claimed by a process whose row has expired (killed, frozen, cut off from the database) is an abandoned
-- claim that another process recovers with the desktop's rules. Claims themselves take row locks on targets
-- (FOR UPDATE SKIP LOCKED), so no single lease decides who publishes.
--
-- Also: which reader cannot open an account's sealed login (SQLite 0011 and 0013), with the server's own reader.

CREATE TABLE scheduler_processes (
  holder text PRIMARY KEY,
  -- host, pid and shell as JSON, for "published by Kairos (server, process 412 on web-2)".
  description jsonb NOT NULL CHECK (jsonb_typeof(description) = 'object'),
  started_at timestamptz NOT NULL,
  renewed_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX scheduler_processes_by_expiry ON scheduler_processes (expires_at);

CREATE TABLE credential_problems (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  reader text NOT NULL CHECK (reader IN ('key_file', 'keychain', 'server_key')),
  problem text NOT NULL CHECK (problem IN ('other_shell', 'keychain_unavailable', 'key_file_missing', 'damaged')),
  message text NOT NULL,
  -- The catalog's problem ({"code", "params"}), so each window words it in its own language.
  note jsonb NOT NULL CHECK (jsonb_typeof(note) = 'object'),
  noticed_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, reader)
);
