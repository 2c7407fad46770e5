-- "Add to queue": each account's weekly posting slots; and the desktop app's own preferences (tray, shortcut, login).

-- An account with no row here uses the built-in weekday slots in the app's zone.
CREATE TABLE posting_schedules (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  time_zone TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- One row per weekly slot: a weekday and an HH:mm wall time in the schedule's zone.
CREATE TABLE posting_slots (
  account_id TEXT NOT NULL REFERENCES posting_schedules (account_id) ON DELETE CASCADE,
  weekday TEXT NOT NULL CHECK (weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
  time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
  PRIMARY KEY (account_id, weekday, time)
) STRICT;

-- Quick-post shortcut, keep running in the tray, open at login, last quick-post accounts: JSON values by key.
CREATE TABLE app_preferences (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
