// A post as its reviewers read it: its content, each network's own version for the previews, and its media. Read
// with SQL while the PostgreSQL posts store does not exist; review links and the members' review page share it.

import type { ApprovalState } from './approvals';
import type { Queryable } from './db';

export interface ReviewPost {
  readonly id: string;
  readonly text: string;
  readonly parts: readonly unknown[];
  readonly labels: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly scheduledAt: Date | null;
  readonly timeZone: string;
  readonly revision: number;
  readonly approvalState: ApprovalState;
}

export interface ReviewNetwork {
  readonly accountId: string;
  readonly platform: string;
  readonly accountName: string;
  readonly handle: string;
  readonly avatarUrl: string | null;
  /** The text this network gets: the account's own version when it has one. */
  readonly text: string;
}

export interface ReviewMedia {
  readonly id: string;
  readonly partIndex: number;
  readonly fileName: string;
  readonly mime: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
}

export interface ReviewPostView {
  readonly post: ReviewPost;
  readonly networks: readonly ReviewNetwork[];
  readonly media: readonly ReviewMedia[];
}

/** The post with its networks and media, or null when there is no such post. */
export async function readReviewPost(db: Queryable, postId: string): Promise<ReviewPostView | null> {
  const { rows } = await db.query<{
    id: string;
    text: string;
    parts: unknown[];
    labels: string[];
    options: Record<string, unknown>;
    scheduled_at: Date | null;
    time_zone: string;
    revision: number;
    approval_state: ApprovalState;
  }>('SELECT id, text, parts, labels, options, scheduled_at, time_zone, revision, approval_state FROM posts WHERE id = $1', [postId]);
  const p = rows[0];
  if (!p) return null;
  const { rows: networks } = await db.query<{
    account_id: string;
    platform: string;
    name: string;
    handle: string;
    avatar_url: string | null;
    text_override: string | null;
  }>(
    `SELECT t.account_id, a.platform, a.name, a.handle, a.avatar_url, t.text_override
     FROM targets t JOIN accounts a ON a.id = t.account_id WHERE t.post_id = $1 ORDER BY t.position`,
    [p.id],
  );
  const { rows: media } = await db.query<{
    id: string;
    part_index: number;
    file_name: string;
    mime: string;
    width: number | null;
    height: number | null;
    alt: string;
  }>('SELECT id, part_index, file_name, mime, width, height, alt FROM media WHERE post_id = $1 ORDER BY part_index, position, id', [p.id]);
  return {
    post: {
      id: p.id,
      text: p.text,
      parts: p.parts,
      labels: p.labels,
      options: p.options,
      scheduledAt: p.scheduled_at,
      timeZone: p.time_zone,
      revision: p.revision,
      approvalState: p.approval_state,
    },
    networks: networks.map((n) => ({
      accountId: n.account_id,
      platform: n.platform,
      accountName: n.name,
      handle: n.handle,
      avatarUrl: n.avatar_url,
      text: n.text_override ?? p.text,
    })),
    media: media.map((m) => ({
      id: m.id,
      partIndex: m.part_index,
      fileName: m.file_name,
      mime: m.mime,
      width: m.width,
      height: m.height,
      alt: m.alt,
    })),
  };
}
