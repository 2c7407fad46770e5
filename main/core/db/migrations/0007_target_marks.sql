-- The account and status of each of a post's targets, kept on the post itself so that a calendar month is read
-- from the posts alone (one index range) instead of a second lookup per target. Triggers keep it true on every
-- insert, status change and delete of a target, inside the same transaction as the change.
-- Format: "account_id" char(31) "status" for each target in the order they were added, joined by char(30).

ALTER TABLE posts ADD COLUMN target_marks TEXT NOT NULL DEFAULT '';

-- The marks as they should be, per post that has targets; a lookup by post_id reaches the index through the view.
CREATE VIEW target_marks_of_post AS
  SELECT post_id, group_concat(account_id || char(31) || status, char(30) ORDER BY rowid) AS marks
  FROM targets GROUP BY post_id;

CREATE TRIGGER targets_mark_insert AFTER INSERT ON targets
BEGIN
  UPDATE posts SET target_marks = coalesce((SELECT marks FROM target_marks_of_post WHERE post_id = NEW.post_id), '')
  WHERE id = NEW.post_id;
END;

CREATE TRIGGER targets_mark_update AFTER UPDATE OF post_id, account_id, status ON targets
WHEN OLD.status IS NOT NEW.status OR OLD.account_id IS NOT NEW.account_id OR OLD.post_id IS NOT NEW.post_id
BEGIN
  UPDATE posts SET target_marks = coalesce((SELECT marks FROM target_marks_of_post WHERE post_id = posts.id), '')
  WHERE id IN (NEW.post_id, OLD.post_id);
END;

CREATE TRIGGER targets_mark_delete AFTER DELETE ON targets
BEGIN
  UPDATE posts SET target_marks = coalesce((SELECT marks FROM target_marks_of_post WHERE post_id = OLD.post_id), '')
  WHERE id = OLD.post_id;
END;

UPDATE posts SET target_marks = coalesce((SELECT marks FROM target_marks_of_post WHERE post_id = posts.id), '');
