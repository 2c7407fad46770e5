// The media records a post reads and writes with itself: its attachments in order, and their release when the post
// goes. Each call joins the caller's transaction when it is given a client. They are the media store's own calls
// (PgMediaRecordsStore); the posts and queue stores name only what they use of it.

import { type MediaAttachment, type MediaRow, type StoredMedia, toMedia } from '../../../core/repos/media';
import { MEDIA_COLUMNS, PgMediaRecordsStore } from './media';
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

/** The media store itself: its attach joins the caller's transaction when given a client (tx joins it). */
export const postMediaSql: PostMediaOver = (q) => new PgMediaRecordsStore(q);

/**
 * A post's media as one json column of a bigger statement (the post read in one round trip): the rows ofPost reads,
 * in its order, with `post` the SQL of the post's id. Read back with mediaOfJson.
 */
export const mediaJsonOf = (post: string) =>
  `coalesce((SELECT json_agg(json_build_object(${MEDIA_COLUMNS.split(', ')
    .map((c) => `'${c}', m.${c}`)
    .join(', ')}) ORDER BY m.part_index, m.position) FROM media m WHERE m.post_id = ${post}), '[]'::json)`;

export const mediaOfJson = (rows: readonly MediaRow[]): StoredMedia[] => rows.map(toMedia);
