// The post's history: an append-only log (its table's triggers refuse UPDATE, DELETE and TRUNCATE) of who changed
// what and when, each content change carrying the post as it was after it, so any version can be shown again.

import type { Queryable } from './db';

/** The content of a post at one revision: what an approval approves. Its time is kept beside it, not in it. */
export interface PostSnapshot {
  readonly text: string;
  readonly parts: readonly unknown[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly labels: readonly string[];
  readonly targets: readonly { readonly accountId: string; readonly textOverride: string | null }[];
  readonly media: readonly { readonly id: string; readonly partIndex: number; readonly position: number; readonly alt: string }[];
}

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly userId: string | null;
  readonly reviewLinkId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly postId: string | null;
  readonly revision: number | null;
  readonly snapshot: PostSnapshot | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface NewAuditEntry {
  readonly at: Date;
  readonly userId?: string | null;
  readonly reviewLinkId?: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly postId?: string | null;
  readonly revision?: number | null;
  readonly snapshot?: PostSnapshot | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export async function appendAudit(db: Queryable, e: NewAuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, user_id, review_link_id, actor_name, action, post_id, revision, snapshot, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.at,
      e.userId ?? null,
      e.reviewLinkId ?? null,
      e.actorName,
      e.action,
      e.postId ?? null,
      e.revision ?? null,
      e.snapshot ? JSON.stringify(e.snapshot) : null,
      JSON.stringify(e.detail ?? {}),
    ],
  );
}

/**
 * The post's content as one statement reads it (one round trip, one snapshot of its rows), and with `last` the latest
 * content recorded in its history beside it.
 */
const SNAPSHOT_SQL = (last: boolean, also = '', lock = false) => `SELECT ${also} p.text, p.parts, p.options, p.labels,
    coalesce((SELECT json_agg(json_build_object('account_id', t.account_id, 'text_override', t.text_override) ORDER BY t.position)
      FROM targets t WHERE t.post_id = p.id), '[]'::json) AS targets,
    coalesce((SELECT json_agg(json_build_object('id', m.id, 'part_index', m.part_index, 'position', m.position, 'alt', m.alt)
      ORDER BY m.part_index, m.position, m.id) FROM media m WHERE m.post_id = p.id), '[]'::json) AS media
    ${last ? ', (SELECT a.snapshot FROM audit_log a WHERE a.post_id = p.id AND a.snapshot IS NOT NULL ORDER BY a.id DESC LIMIT 1) AS last' : ''}
  FROM posts p WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`;

interface SnapshotRow {
  text: string;
  parts: unknown[];
  options: Record<string, unknown>;
  labels: string[];
  targets: { account_id: string; text_override: string | null }[];
  media: { id: string; part_index: number; position: number; alt: string }[];
  last?: PostSnapshot | null;
}

const toSnapshot = (post: SnapshotRow): PostSnapshot => ({
  text: post.text,
  parts: post.parts,
  options: post.options,
  labels: post.labels,
  targets: post.targets.map((t) => ({ accountId: t.account_id, textOverride: t.text_override })),
  media: post.media.map((m) => ({ id: m.id, partIndex: m.part_index, position: m.position, alt: m.alt })),
});

/** The post's content as stored now, or null when there is no such post. */
export async function snapshotPost(db: Queryable, postId: string): Promise<PostSnapshot | null> {
  const post = (await db.query<SnapshotRow>(SNAPSHOT_SQL(false), [postId])).rows[0];
  return post ? toSnapshot(post) : null;
}

/**
 * The post's content as stored now and the latest content recorded in its history (null when none was), with its
 * row locked FOR UPDATE and more of its columns read beside (`also`: a select list over `p` ending in a comma), in
 * one round trip: an edit reads all it decides on at once. Null when there is no such post.
 */
export async function lockedSnapshotAndLast<Also extends object>(
  c: Queryable,
  postId: string,
  also: string,
): Promise<{ now: PostSnapshot; last: PostSnapshot | null; row: Also } | null> {
  const post = (await c.query<SnapshotRow & Also>(SNAPSHOT_SQL(true, also, true), [postId])).rows[0];
  return post ? { now: toSnapshot(post), last: post.last ?? null, row: post } : null;
}

/** Whether two snapshots differ in anything an approver approved. JSON of the same shapes, built the same way. */
export function sameContent(a: PostSnapshot, b: PostSnapshot): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  review_link_id: string | null;
  actor_name: string;
  action: string;
  post_id: string | null;
  revision: number | null;
  snapshot: PostSnapshot | null;
  detail: Record<string, unknown>;
}

/** The post's history, oldest first: it outlives the post, its comments, its links and the people in it. */
export async function postHistory(db: Queryable, postId: string): Promise<AuditEntry[]> {
  const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE post_id = $1 ORDER BY id', [postId]);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id,
    reviewLinkId: r.review_link_id,
    actorName: r.actor_name,
    action: r.action,
    postId: r.post_id,
    revision: r.revision,
    snapshot: r.snapshot,
    detail: r.detail,
  }));
}
