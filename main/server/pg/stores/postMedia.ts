// The media records a post reads and writes with itself: its attachments in order, and their release when the post
// goes. Each call joins the caller's transaction when it is given a client. The whole media store (adding files,
// collecting unused ones) is MediaRecordsStore; a posts store can be given that instead (PostMediaOver).

import type { MediaAttachment, StoredMedia } from '../../../core/repos/media';
import type { Queryable } from './pgDb';

/** What the posts and queue stores need of the media records; a MediaRecordsStore has the same calls. */
export interface PostMedia {
  ofPost(postId: string): Promise<StoredMedia[]>;
  ofPosts(postIds: readonly string[]): Promise<Map<string, StoredMedia[]>>;
  attach(postId: string, attachments: readonly MediaAttachment[], now: number): Promise<void>;
  releaseOfPost(postId: string, now: number): Promise<void>;
}

/** The media records over a pool or a client inside a transaction. */
export type PostMediaOver = (q: Queryable) => PostMedia;

export interface MediaRow {
  id: string;
  post_id: string | null;
  part_index: number;
  file_name: string;
  mime: string;
  bytes: string | number;
  width: number | null;
  height: number | null;
  alt: string;
  focus_x: number | null;
  focus_y: number | null;
  stored_name: string;
}

const COLUMNS = 'id, post_id, part_index, file_name, mime, bytes, width, height, alt, focus_x, focus_y, stored_name';

/**
 * A post's media as one json column of a bigger statement (the post read in one round trip): the rows ofPost reads,
 * in its order, with `post` the SQL of the post's id. Read back with mediaOfJson.
 */
export const mediaJsonOf = (post: string) =>
  `coalesce((SELECT json_agg(json_build_object(${COLUMNS.split(', ')
    .map((c) => `'${c}', m.${c}`)
    .join(', ')}) ORDER BY m.part_index, m.position) FROM media m WHERE m.post_id = ${post}), '[]'::json)`;

export const mediaOfJson = (rows: readonly MediaRow[]): StoredMedia[] => rows.map(toMedia);

function toMedia(r: MediaRow): StoredMedia {
  return {
    id: r.id,
    postId: r.post_id,
    fileName: r.file_name,
    mime: r.mime,
    bytes: Number(r.bytes),
    width: r.width,
    height: r.height,
    alt: r.alt,
    focus: r.focus_x === null || r.focus_y === null ? null : { x: r.focus_x, y: r.focus_y },
    partIndex: r.part_index,
    storedName: r.stored_name,
  };
}

/** The attachment SQL of the media table (migration 0001), as the SQLite MediaRepo writes it. */
export class PostMediaSql implements PostMedia {
  constructor(private readonly q: Queryable) {}

  async ofPost(postId: string): Promise<StoredMedia[]> {
    const r = await this.q.query<MediaRow>(`SELECT ${COLUMNS} FROM media WHERE post_id = $1 ORDER BY part_index, position`, [postId]);
    return r.rows.map(toMedia);
  }

  async ofPosts(postIds: readonly string[]): Promise<Map<string, StoredMedia[]>> {
    const out = new Map<string, StoredMedia[]>();
    if (postIds.length === 0) return out;
    const r = await this.q.query<MediaRow>(`SELECT ${COLUMNS} FROM media WHERE post_id = ANY($1::text[]) ORDER BY part_index, position`, [
      postIds,
    ]);
    for (const row of r.rows) {
      const list = out.get(row.post_id as string) ?? [];
      list.push(toMedia(row));
      out.set(row.post_id as string, list);
    }
    return out;
  }

  /** Makes `attachments` the post's media, in order; media no longer listed is unused from `now`. Call inside a transaction. */
  async attach(postId: string, attachments: readonly MediaAttachment[], now: number): Promise<void> {
    await this.q.query('UPDATE media SET post_id = NULL, unused_since = $1 WHERE post_id = $2', [new Date(now), postId]);
    for (const [position, a] of attachments.entries()) {
      // Media another post took stays with it, as in SQLite.
      await this.q.query(
        `UPDATE media SET post_id = $1, part_index = $2, position = $3, alt = $4, focus_x = $5, focus_y = $6, unused_since = NULL
         WHERE id = $7 AND (post_id IS NULL OR post_id = $1)`,
        [postId, a.partIndex, position, a.alt, a.focus?.x ?? null, a.focus?.y ?? null, a.id],
      );
    }
  }

  /** Before a post is deleted: its media is used by nothing from `now`. Call inside the same transaction. */
  async releaseOfPost(postId: string, now: number): Promise<void> {
    await this.q.query('UPDATE media SET post_id = NULL, unused_since = $1 WHERE post_id = $2', [new Date(now), postId]);
  }
}

export const postMediaSql: PostMediaOver = (q) => new PostMediaSql(q);
