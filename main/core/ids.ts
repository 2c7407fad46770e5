// Identifiers: sortable by creation time, unguessable, URL-safe.

import { createHash, randomBytes } from 'node:crypto';

export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}

export function newIdempotencyKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The id of the post a posts.create with this client request id makes: the same for every resend of the request,
 * so a resend finds the post the first one made. Hashed, so a caller cannot choose the id of someone else's post.
 */
export function postIdForRequest(clientRequestId: string): string {
  return `post_${createHash('sha256').update(`posts.create:${clientRequestId}`).digest('hex').slice(0, 25)}`;
}
