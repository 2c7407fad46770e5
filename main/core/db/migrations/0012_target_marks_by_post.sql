-- The status-change trigger of 0007 compared the marks view with posts.id, a column of the row being updated, which
-- SQLite cannot push into the view's GROUP BY: every status change of a target grouped the whole targets table.
-- Each post is now refreshed by its own id (a trigger's NEW/OLD values are constants), one index search per post.

DROP TRIGGER targets_mark_update;

CREATE TRIGGER targets_mark_update AFTER UPDATE OF post_id, account_id, status ON targets
WHEN OLD.status IS NOT NEW.status OR OLD.account_id IS NOT NEW.account_id OR OLD.post_id IS NOT NEW.post_id
BEGIN
  UPDATE posts SET target_marks = coalesce((SELECT marks FROM target_marks_of_post WHERE post_id = NEW.post_id), '')
  WHERE id = NEW.post_id;
  UPDATE posts SET target_marks = coalesce((SELECT marks FROM target_marks_of_post WHERE post_id = OLD.post_id), '')
  WHERE id = OLD.post_id AND OLD.post_id IS NOT NEW.post_id;
END;
