-- Which kind of Kairos process cannot open an account's saved login, and why: recorded per reader (the key file of
-- the kairos command and browser mode, or the desktop app's keychain), so one that cannot open it does not mark the
-- account as needing a new login for the others, which go on publishing it.

CREATE TABLE credential_problems (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  reader TEXT NOT NULL CHECK (reader IN ('key_file', 'keychain')),
  problem TEXT NOT NULL CHECK (problem IN ('other_shell', 'keychain_unavailable', 'key_file_missing', 'damaged')),
  message TEXT NOT NULL,
  noticed_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, reader)
) STRICT;

-- Earlier versions marked the whole account "needs re-login" when one process could not open its login. That mark
-- is lifted: each process checks again when it opens the database and records what it finds for itself.
UPDATE accounts SET status = 'connected', status_reason = NULL
WHERE status = 'needs_relogin'
  AND status_reason = 'Kairos cannot read this account''s saved login here. Log in again in Accounts; its posts wait until then.';

-- Their posts were left waiting for the account; they wait for the scheduler again.
UPDATE targets SET wait_kind = NULL, last_error = NULL
WHERE status = 'scheduled' AND wait_kind = 'account'
  AND last_error = 'Kairos cannot read this account''s saved login here. Log in again in Accounts; its posts wait until then.';
