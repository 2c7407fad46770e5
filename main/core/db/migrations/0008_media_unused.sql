-- When each media file stopped being used by any post (null while a post uses it), so unused files can be deleted.
ALTER TABLE media ADD COLUMN unused_since INTEGER;
UPDATE media SET unused_since = created_at WHERE post_id IS NULL;
CREATE INDEX media_unused ON media (unused_since) WHERE post_id IS NULL;
