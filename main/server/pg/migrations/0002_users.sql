-- People of the workspace: users with a role, invitations by link, sessions, and the sign-in limits every server
-- process shares. Tokens and passwords are never stored: only a SHA-256 of each token and an scrypt hash of each
-- password (with its parameters and salt).

CREATE TABLE users (
  id text PRIMARY KEY,
  -- Compared in lower case: one person, one account, however they type their address.
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'approver', 'viewer')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- A deactivated user keeps their name on history and comments but cannot sign in.
  deactivated_at timestamptz,
  CHECK (email = lower(email) AND position('@' IN email) > 1)
);
CREATE UNIQUE INDEX users_by_email ON users (email);

-- A link that lets one person join with a role. Single use: accepted_at is set in the same transaction that creates
-- the user.
CREATE TABLE invitations (
  id text PRIMARY KEY,
  token_hash text NOT NULL,
  -- When set, only this address may accept it.
  email text CHECK (email IS NULL OR email = lower(email)),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'approver', 'viewer')),
  invited_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by text REFERENCES users (id) ON DELETE SET NULL,
  revoked_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE UNIQUE INDEX invitations_by_token ON invitations (token_hash);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  token_hash text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- What the session was opened from, shown in "where you are signed in".
  address text,
  user_agent text
);
CREATE UNIQUE INDEX sessions_by_token ON sessions (token_hash);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Sign-in attempts in the current window, per account (scope 'account', key = the address typed) and per network
-- address (scope 'address'). Counted with one upsert, so concurrent attempts on several processes all count.
CREATE TABLE sign_in_limits (
  scope text NOT NULL CHECK (scope IN ('account', 'address')),
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  attempts integer NOT NULL CHECK (attempts >= 0),
  PRIMARY KEY (scope, key)
);

-- Who did it, when a person did: the history line of a change made by a signed-in user names them.
ALTER TABLE events ADD COLUMN user_id text REFERENCES users (id) ON DELETE SET NULL;
