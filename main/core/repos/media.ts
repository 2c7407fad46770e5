// Media rows: files added to Kairos, then attached to a part of a post with alt text and focus.

import type { MediaView } from '../../../shared/domain';
import type { Db } from '../db/database';

export interface StoredMedia extends MediaView {
  /** File name inside the data directory's media folder. */
  readonly storedName: string;
  readonly postId: string | null;
}

/** A media row as both databases give it (PostgreSQL's bigint `bytes` comes as text). */
export interface MediaRow {
  id: string;
  post_id: string | null;
  part_index: number;
  file_name: string;
  mime: string;
  bytes: number | string;
  width: number | null;
  height: number | null;
  alt: string;
  focus_x: number | null;
  focus_y: number | null;
  stored_name: string;
}

export function toMedia(r: MediaRow): StoredMedia {
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

export interface MediaAttachment {
  readonly id: string;
  readonly alt: string;
  readonly partIndex: number;
  readonly focus?: { readonly x: number; readonly y: number } | null | undefined;
}

export class MediaRepo {
  readonly #insert;
  readonly #get;
  readonly #ofPost;
  readonly #ofPosts;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO media (id, file_name, mime, bytes, width, height, stored_name, created_at, unused_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#get = db.prepare<[string], MediaRow>('SELECT * FROM media WHERE id = ?');
    this.#ofPost = db.prepare<[string], MediaRow>('SELECT * FROM media WHERE post_id = ? ORDER BY part_index, position');
    this.#ofPosts = db.prepare<[string], MediaRow>(
      'SELECT * FROM media WHERE post_id IN (SELECT value FROM json_each(?)) ORDER BY part_index, position',
    );
  }

  add(m: {
    id: string;
    fileName: string;
    mime: string;
    bytes: number;
    width: number | null;
    height: number | null;
    storedName: string;
    now: number;
  }): StoredMedia {
    // Unused until a post takes it: a file added and never attached is collected like one detached.
    this.#insert.run(m.id, m.fileName, m.mime, m.bytes, m.width, m.height, m.storedName, m.now, m.now);
    return this.get(m.id) as StoredMedia;
  }

  get(id: string): StoredMedia | null {
    const r = this.#get.get(id);
    return r ? toMedia(r) : null;
  }

  ofPost(postId: string): StoredMedia[] {
    return this.#ofPost.all(postId).map(toMedia);
  }

  /** Media of the given posts, grouped by post. */
  ofPosts(postIds: readonly string[]): Map<string, StoredMedia[]> {
    const out = new Map<string, StoredMedia[]>();
    if (postIds.length === 0) return out;
    for (const r of this.#ofPosts.all(JSON.stringify(postIds))) {
      const list = out.get(r.post_id as string) ?? [];
      list.push(toMedia(r));
      out.set(r.post_id as string, list);
    }
    return out;
  }

  /** Makes `attachments` the post's media, in order; media no longer listed is detached and unused from `now`. Call inside a transaction. */
  attach(postId: string, attachments: readonly MediaAttachment[], now: number): void {
    this.db.prepare('UPDATE media SET post_id = NULL, unused_since = ? WHERE post_id = ?').run(now, postId);
    const set = this.db.prepare(
      'UPDATE media SET post_id = ?, part_index = ?, position = ?, alt = ?, focus_x = ?, focus_y = ?, unused_since = NULL WHERE id = ? AND (post_id IS NULL OR post_id = ?)',
    );
    attachments.forEach((a, position) => {
      set.run(postId, a.partIndex, position, a.alt, a.focus?.x ?? null, a.focus?.y ?? null, a.id, postId);
    });
  }

  /** Before a post is deleted: its media is used by nothing from `now`. Call inside the same transaction. */
  releaseOfPost(postId: string, now: number): void {
    this.db.prepare('UPDATE media SET post_id = NULL, unused_since = ? WHERE post_id = ?').run(now, postId);
  }

  /**
   * Deletes, in one transaction, the rows of media no post has used since `cutoff` or earlier (a row without a time,
   * left by older code, counts as unused from `now`) and returns them, so their files go after them.
   */
  removeUnused(cutoff: number, now: number): StoredMedia[] {
    return this.db
      .transaction(() => {
        this.db.prepare('UPDATE media SET unused_since = ? WHERE post_id IS NULL AND unused_since IS NULL').run(now);
        return this.db
          .prepare<[number], MediaRow>('DELETE FROM media WHERE post_id IS NULL AND unused_since <= ? RETURNING *')
          .all(cutoff)
          .map(toMedia);
      })
      .immediate();
  }
}
