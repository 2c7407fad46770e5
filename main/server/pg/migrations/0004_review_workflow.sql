-- The review workflow on top of 0003: who wrote a post and its current revision (neither may approve it), comments
-- deleted softly (replies and history stay), one approval per review link per revision, in-app notifications with
-- their optional email, and the predicate the scheduler's claim joins: may this post be published now?

-- Who created the post, and who made its current revision. Null for posts written before people existed (the
-- desktop's posts moved into a workspace) and for people since removed.
ALTER TABLE posts ADD COLUMN author_id text REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN revised_by text REFERENCES users (id) ON DELETE SET NULL;

-- A deleted comment keeps its row (its replies stay in place) without its text; the text is in the audit log.
ALTER TABLE comments ADD COLUMN deleted_at timestamptz;
ALTER TABLE comments ADD COLUMN deleted_by text REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE comments ADD CHECK (deleted_at IS NULL OR body = '(deleted)');

-- A review link is one reviewer: it approves a revision once, as a user does.
CREATE UNIQUE INDEX approvals_one_per_link ON approvals (post_id, revision, review_link_id)
  WHERE decision = 'approved' AND review_link_id IS NOT NULL;

-- In-app notifications, each with the state of its email when the workspace sends email.
CREATE TABLE notifications (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('review_requested', 'changes_requested', 'approved', 'mentioned', 'commented')),
  post_id text REFERENCES posts (id) ON DELETE CASCADE,
  comment_id text REFERENCES comments (id) ON DELETE SET NULL,
  actor_name text NOT NULL,
  summary text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  -- none: no email for it; pending: waiting to be sent; sending: one process is sending it; sent; failed (with why).
  email_state text NOT NULL DEFAULT 'none' CHECK (email_state IN ('none', 'pending', 'sending', 'sent', 'failed')),
  email_to text,
  email_attempted_at timestamptz,
  email_error text,
  CHECK (email_state <> 'failed' OR email_error IS NOT NULL)
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_email_pending ON notifications (created_at) WHERE email_state = 'pending';

-- How many different people must approve a post: the strictest rule among its targets' accounts and its labels.
CREATE FUNCTION kairos_approvals_needed(post text) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce(max(r.approvals_needed), 0)
  FROM posts p
  JOIN approval_rules r
    ON (r.scope = 'account' AND r.account_id IN (SELECT t.account_id FROM targets t WHERE t.post_id = p.id))
    OR (r.scope = 'label' AND p.labels ? r.label)
  WHERE p.id = post
$$;

-- Why a post may not be published now, or null when it may: the one rule the scheduler's claim applies
-- ("AND kairos_publish_block(t.post_id) IS NULL"). Approvals count only for the post's current revision.
CREATE FUNCTION kairos_publish_block(post text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  st text;
  rev integer;
  needed integer;
  have integer;
BEGIN
  SELECT approval_state, revision INTO st, rev FROM posts WHERE id = post;
  IF NOT FOUND THEN RETURN 'no_post'; END IF;
  IF st = 'in_review' THEN RETURN 'in_review'; END IF;
  IF st = 'changes_requested' THEN RETURN 'changes_requested'; END IF;
  needed := kairos_approvals_needed(post);
  IF st <> 'approved' THEN
    RETURN CASE WHEN needed > 0 THEN 'not_submitted' ELSE NULL END;
  END IF;
  SELECT count(*) INTO have FROM approvals a WHERE a.post_id = post AND a.revision = rev AND a.decision = 'approved';
  RETURN CASE WHEN have >= greatest(needed, 1) THEN NULL ELSE 'not_enough_approvals' END;
END;
$$;

CREATE FUNCTION kairos_may_publish(post text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT kairos_publish_block(post) IS NULL
$$;
