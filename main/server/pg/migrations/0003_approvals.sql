-- Approvals, comments, the audit log with versions, and review links for approvers without an account.

-- "Posts need approval" for an account or a label: how many different people must approve.
CREATE TABLE approval_rules (
  id text PRIMARY KEY,
  scope text NOT NULL CHECK (scope IN ('account', 'label')),
  account_id text REFERENCES accounts (id) ON DELETE CASCADE,
  label text,
  approvals_needed integer NOT NULL CHECK (approvals_needed IN (1, 2)),
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  CHECK ((scope = 'account' AND account_id IS NOT NULL AND label IS NULL)
      OR (scope = 'label' AND label IS NOT NULL AND account_id IS NULL))
);
CREATE UNIQUE INDEX approval_rules_by_account ON approval_rules (account_id) WHERE scope = 'account';
CREATE UNIQUE INDEX approval_rules_by_label ON approval_rules (label) WHERE scope = 'label';

-- Where a post stands in review; 'none' when no rule applies to it. revision counts its edits: an approval is for
-- one revision, and an edit of an approved post sends it back to review.
ALTER TABLE posts ADD COLUMN approval_state text NOT NULL DEFAULT 'none'
  CHECK (approval_state IN ('none', 'draft', 'in_review', 'approved', 'changes_requested'));
ALTER TABLE posts ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1);
CREATE INDEX posts_in_review ON posts (approval_state) WHERE approval_state IN ('in_review', 'changes_requested');

-- Each decision on a revision, by a user or through a review link.
CREATE TABLE approvals (
  id text PRIMARY KEY,
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  revision integer NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  review_link_id text,
  -- The name a reviewer without an account typed, kept with the decision.
  reviewer_name text,
  note text,
  decided_at timestamptz NOT NULL,
  CHECK (user_id IS NOT NULL OR review_link_id IS NOT NULL OR reviewer_name IS NOT NULL)
);
CREATE INDEX approvals_by_post ON approvals (post_id, revision);
-- One approval per person per revision: "two different people" cannot be one person twice.
CREATE UNIQUE INDEX approvals_one_per_user ON approvals (post_id, revision, user_id) WHERE decision = 'approved' AND user_id IS NOT NULL;

-- Comments on a post or on one part of its thread; replies point at the comment they answer.
CREATE TABLE comments (
  id text PRIMARY KEY,
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  part_index integer CHECK (part_index IS NULL OR part_index >= 0),
  reply_to text REFERENCES comments (id) ON DELETE CASCADE,
  author_id text REFERENCES users (id) ON DELETE SET NULL,
  review_link_id text,
  author_name text NOT NULL,
  body text NOT NULL CHECK (length(body) > 0),
  created_at timestamptz NOT NULL,
  edited_at timestamptz,
  resolved_at timestamptz,
  resolved_by text REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX comments_by_post ON comments (post_id, created_at);

CREATE TABLE comment_mentions (
  comment_id text NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_mentions_by_user ON comment_mentions (user_id);

-- Append-only: who changed what, when, with the post as it was after the change. Rows are never updated or deleted
-- (the triggers below refuse), and they outlive the post, its review links and the user: so no foreign keys, whose
-- ON DELETE actions would have to change them.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id text,
  review_link_id text,
  actor_name text NOT NULL,
  action text NOT NULL,
  post_id text,
  revision integer,
  -- The post's content at this revision (text, parts, options, labels, time, targets), for "show this version".
  snapshot jsonb,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_post ON audit_log (post_id, id);
CREATE INDEX audit_log_by_time ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: its rows cannot be changed or removed.'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- A single-post link for a reviewer without an account: only a SHA-256 of its token is kept; it expires and can be
-- revoked. Every use is logged in review_link_uses.
CREATE TABLE review_links (
  id text PRIMARY KEY,
  token_hash text NOT NULL,
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  reviewer_name text,
  can_approve boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE UNIQUE INDEX review_links_by_token ON review_links (token_hash);
CREATE INDEX review_links_by_post ON review_links (post_id);

CREATE TABLE review_link_uses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  review_link_id text NOT NULL REFERENCES review_links (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  action text NOT NULL CHECK (action IN ('viewed', 'approved', 'changes_requested', 'commented', 'refused')),
  address text,
  user_agent text
);
CREATE INDEX review_link_uses_by_link ON review_link_uses (review_link_id, at);

ALTER TABLE approvals ADD FOREIGN KEY (review_link_id) REFERENCES review_links (id) ON DELETE SET NULL;
ALTER TABLE comments ADD FOREIGN KEY (review_link_id) REFERENCES review_links (id) ON DELETE SET NULL;
