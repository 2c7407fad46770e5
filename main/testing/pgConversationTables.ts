// The conversation tables the analytics read (signal_cache, conversation_alerts, preflight_checks) come with the
// conversation stores' own workspace migration. Until that migration is on the branch, tests create them with the
// shape of SQLite 0005 in PostgreSQL types; IF NOT EXISTS leaves the real ones alone once they exist.

export const CONVERSATION_TABLES_UNTIL_THEIR_MIGRATION = `
  CREATE TABLE IF NOT EXISTS signal_cache (
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('trends', 'mentions', 'search')),
    term text NOT NULL DEFAULT '',
    items jsonb NOT NULL,
    fetched_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, kind, term)
  );
  CREATE TABLE IF NOT EXISTS conversation_alerts (
    id text PRIMARY KEY,
    kind text NOT NULL,
    dedupe_key text NOT NULL UNIQUE,
    watch_term_id text,
    term text NOT NULL,
    severity text NOT NULL,
    source text NOT NULL,
    platform text,
    account_id text REFERENCES accounts (id) ON DELETE SET NULL,
    post_id text REFERENCES posts (id) ON DELETE CASCADE,
    text text NOT NULL,
    url text,
    created_at timestamptz NOT NULL,
    dismissed_at timestamptz
  );
  CREATE TABLE IF NOT EXISTS preflight_checks (
    target_id text NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    due_at timestamptz NOT NULL,
    post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    checked_at timestamptz NOT NULL,
    result text NOT NULL CHECK (result IN ('clear', 'held', 'skipped')),
    reason text NOT NULL,
    decision text CHECK (decision IN ('send', 'hold', 'edit')),
    decided_at timestamptz,
    PRIMARY KEY (target_id, due_at)
  );`;
