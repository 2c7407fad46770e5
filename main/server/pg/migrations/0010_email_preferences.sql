-- Which notifications each person also gets by email: all of them (as before this migration, so it is everyone's
-- default), only those that ask something of them (main/server/workspace/notifications.ts says which kinds), or
-- none. The in-app notification is written whatever the choice.

ALTER TABLE users ADD COLUMN email_notifications text NOT NULL DEFAULT 'all'
  CHECK (email_notifications IN ('all', 'needs_me', 'none'));
