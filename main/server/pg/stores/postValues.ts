// A post's jsonb columns read back through the same schemas as SQLite's JSON text (main/core/repos/postRows.ts):
// node-postgres hands them over decoded, so only the shape is checked.

import { PostOptionsSchema } from '../../../../shared/contract/posts';
import type { PostOptions } from '../../../../shared/domain';
import { checkStored, StringListSchema } from '../../../core/stores/stored';

/** A stored list of strings (labels, thread parts). */
export const checkStringList = (value: unknown, item: 'post_labels' | 'post_thread', postId: string): string[] =>
  Array.isArray(value) && value.length === 0 ? [] : checkStored(StringListSchema, value, item, postId);

/** A post's stored options, checked against the contract's schema; `{}` as it is, like SQLite. */
export const checkOptions = (value: unknown, postId: string): PostOptions =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0
    ? {}
    : checkStored(PostOptionsSchema, value, 'post_options', postId);
