// Identifiers: sortable by creation time, unguessable, URL-safe.

import { randomBytes } from 'node:crypto';

export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}

export function newIdempotencyKey(): string {
  return randomBytes(16).toString('hex');
}
