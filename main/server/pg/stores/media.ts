// Media records in PostgreSQL (the SQLite MediaRepo's queries): files added to Kairos, then attached to a part of a
// post with alt text and focus. The files themselves are the media folder's (core/media/mediaStore.ts).
//
// attachMedia and releaseMediaOfPost are also exported on their own, over any Queryable: the posts store calls them
// with the client of the transaction that writes the post, so a post and its media change together.

import type pg from 'pg';
import { type MediaAttachment, type MediaRow, type StoredMedia, toMedia } from '../../../core/repos/media';
import type { MediaRecordsStore } from '../../../core/stores/types';
import { at, type Queryable, tx } from './pgDb';

export const MEDIA_COLUMNS = 'id, post_id, part_index, position, file_name, mime, bytes, width, height, alt, focus_x, focus_y, stored_name';

/**
 * Makes `attachments` the post's media, in order (each one's position is its index in the list); media the post no
 * longer lists is detached and unused from `now`. Media another post holds is left where it is. Call it with the
 * client of the transaction that writes the post (PgMediaRecordsStore.attach opens one of its own).
 */
export async function attachMedia(q: Queryable, postId: string, attachments: readonly MediaAttachment[], now: number): Promise<void> {
  await releaseMediaOfPost(q, postId, now);
  for (const [position, a] of attachments.entries()) {
    await q.query(
      `UPDATE media SET post_id = $1, part_index = $2, position = $3, alt = $4, focus_x = $5, focus_y = $6, unused_since = NULL
       WHERE id = $7 AND (post_id IS NULL OR post_id = $1)`,
      [postId, a.partIndex, position, a.alt, a.focus?.x ?? null, a.focus?.y ?? null, a.id],
    );
  }
}

/** Before a post is deleted (in the same transaction): its media is used by nothing from `now`. */
export async function releaseMediaOfPost(q: Queryable, postId: string, now: number): Promise<void> {
  await q.query('UPDATE media SET post_id = NULL, unused_since = $1 WHERE post_id = $2', [at(now), postId]);
}

export class PgMediaRecordsStore implements MediaRecordsStore {
  constructor(private readonly q: Queryable) {}

  /** The same store, with every call inside the caller's transaction. */
  within(c: pg.PoolClient): PgMediaRecordsStore {
    return new PgMediaRecordsStore(c);
  }

  async add(m: {
    id: string;
    fileName: string;
    mime: string;
    bytes: number;
    width: number | null;
    height: number | null;
    storedName: string;
    now: number;
  }): Promise<StoredMedia> {
    // Unused until a post takes it: a file added and never attached is collected like one detached.
    const r = await this.q.query<MediaRow>(
      `INSERT INTO media (id, file_name, mime, bytes, width, height, stored_name, created_at, unused_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${MEDIA_COLUMNS}`,
      [m.id, m.fileName, m.mime, m.bytes, m.width, m.height, m.storedName, at(m.now)],
    );
    return toMedia(r.rows[0] as MediaRow);
  }

  async get(id: string): Promise<StoredMedia | null> {
    const r = await this.q.query<MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE id = $1`, [id]);
    const row = r.rows[0];
    return row ? toMedia(row) : null;
  }

  async ofPost(postId: string): Promise<StoredMedia[]> {
    const r = await this.q.query<MediaRow>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE post_id = $1 ORDER BY part_index, position`, [postId]);
    return r.rows.map(toMedia);
  }

  /** Media of the given posts, grouped by post. */
  async ofPosts(postIds: readonly string[]): Promise<Map<string, StoredMedia[]>> {
    const out = new Map<string, StoredMedia[]>();
    if (postIds.length === 0) return out;
    const r = await this.q.query<MediaRow>(
      `SELECT ${MEDIA_COLUMNS} FROM media WHERE post_id = ANY($1::text[]) ORDER BY part_index, position`,
      [postIds],
    );
    for (const row of r.rows) {
      const list = out.get(row.post_id as string) ?? [];
      list.push(toMedia(row));
      out.set(row.post_id as string, list);
    }
    return out;
  }

  /** Makes `attachments` the post's media, in order, in one transaction (see attachMedia). */
  async attach(postId: string, attachments: readonly MediaAttachment[], now: number): Promise<void> {
    await tx(this.q, (c) => attachMedia(c, postId, attachments, now));
  }

  async releaseOfPost(postId: string, now: number): Promise<void> {
    await releaseMediaOfPost(this.q, postId, now);
  }

  /**
   * Deletes, in one transaction, the rows of media no post has used since `cutoff` or earlier (a row without a time,
   * left by older code, counts as unused from `now`) and returns them, so their files go after them.
   */
  async removeUnused(cutoff: number, now: number): Promise<StoredMedia[]> {
    return tx(this.q, async (c) => {
      await c.query('UPDATE media SET unused_since = $1 WHERE post_id IS NULL AND unused_since IS NULL', [at(now)]);
      const r = await c.query<MediaRow>(`DELETE FROM media WHERE post_id IS NULL AND unused_since <= $1 RETURNING ${MEDIA_COLUMNS}`, [
        at(cutoff),
      ]);
      return r.rows.map(toMedia);
    });
  }
}
