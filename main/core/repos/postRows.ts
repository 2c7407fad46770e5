// How stored post and target rows become the views the contract returns, for single reads and list pages.

import { PostOptionsSchema } from '../../../shared/contract/posts';
import {
  type PostOptions,
  type PostStatus,
  type PostSummary,
  type PostView,
  SUMMARY_EXCERPT_CHARS,
  type TargetMark,
  type TargetStatus,
  type TargetView,
} from '../../../shared/domain';
import { parseStored, StringListSchema } from '../stores/stored';
import type { StoredMedia } from './media';

export interface PostRow {
  id: string;
  text: string;
  time_zone: string;
  scheduled_at: number | null;
  status: string;
  labels: string;
  options: string;
  parts: string;
  created_at: number;
  updated_at: number;
}

export interface TargetRow {
  id: string;
  post_id: string;
  account_id: string;
  status: TargetStatus;
  text_override: string | null;
  due_at: number | null;
  attempts: number;
  remote_id: string | null;
  remote_url: string | null;
  last_error: string | null;
  published_at: number | null;
  parts_published: number;
}

export const TARGET_COLUMNS = `id, post_id, account_id, status, text_override, due_at, attempts, remote_id, remote_url, last_error, published_at,
  (SELECT count(*) FROM target_parts tp WHERE tp.target_id = targets.id AND tp.remote_id IS NOT NULL) AS parts_published`;

export function toTarget(r: TargetRow): TargetView {
  return {
    id: r.id,
    accountId: r.account_id,
    status: r.status,
    textOverride: r.text_override,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'retrying' || r.status === 'scheduled' ? r.due_at : null,
    remoteId: r.remote_id,
    remoteUrl: r.remote_url,
    lastError: r.last_error,
    publishedAt: r.published_at,
    partsPublished: r.parts_published,
  };
}

export function toPost(r: PostRow, targets: readonly TargetView[], media: readonly StoredMedia[]): PostView {
  return {
    id: r.id,
    text: r.text,
    timeZone: r.time_zone,
    scheduledAt: r.scheduled_at,
    status: r.status as PostView['status'],
    labels: parseList(r.labels, 'post_labels', r.id),
    options: parseOptions(r.options, r.id),
    parts: parseList(r.parts, 'post_thread', r.id),
    media: viewsOf(media),
    targets,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Columns of a list row: the post (0–9), then its target (10–20), null target columns for a post without targets. */
export const LIST_COLUMNS = `p.id, p.text, p.time_zone, p.scheduled_at, p.status, p.labels, p.options, p.parts, p.created_at, p.updated_at,
  t.id, t.account_id, t.status, t.text_override, t.due_at, t.attempts, t.remote_id, t.remote_url, t.last_error, t.published_at,
  CASE WHEN t.id IS NULL THEN 0 WHEN p.parts = '[]' THEN (t.remote_id IS NOT NULL)
    ELSE (SELECT count(*) FROM target_parts tp WHERE tp.target_id = t.id AND tp.remote_id IS NOT NULL) END`;

export type ListRow = [
  string,
  string,
  string,
  number | null,
  string,
  string,
  string,
  string,
  number,
  number,
  string | null,
  string,
  TargetStatus,
  string | null,
  number | null,
  number,
  string | null,
  string | null,
  string | null,
  number | null,
  number,
];

/** A stored list of strings (labels, thread parts); `what` names it if it is damaged. */
export const parseList = (json: string, item: 'post_labels' | 'post_thread', postId: string): string[] =>
  json === '[]' ? [] : parseStored(StringListSchema, json, item, postId);

/** A post's stored options, checked against the contract's schema. */
export const parseOptions = (json: string, postId: string): PostOptions =>
  json === '{}' ? {} : parseStored(PostOptionsSchema, json, 'post_options', postId);

export function postFromListRow(r: ListRow, targets: readonly TargetView[]): PostView {
  return {
    id: r[0],
    text: r[1],
    timeZone: r[2],
    scheduledAt: r[3],
    status: r[4] as PostView['status'],
    labels: parseList(r[5], 'post_labels', r[0]),
    options: parseOptions(r[6], r[0]),
    parts: parseList(r[7], 'post_thread', r[0]),
    media: [],
    targets,
    createdAt: r[8],
    updatedAt: r[9],
  };
}

export function targetFromListRow(r: ListRow): TargetView {
  const status = r[12];
  return {
    id: r[10] as string,
    accountId: r[11],
    status,
    textOverride: r[13],
    attempts: r[15],
    nextAttemptAt: status === 'retrying' || status === 'scheduled' ? r[14] : null,
    remoteId: r[16],
    remoteUrl: r[17],
    lastError: r[18],
    publishedAt: r[19],
    partsPublished: r[20],
  };
}

export const viewsOf = (media: readonly StoredMedia[]) => media.map(({ storedName: _s, postId: _p, ...view }) => view);

/** Columns of a summary row; target_marks is kept by the triggers of migration 0007. */
export const SUMMARY_COLUMNS = `p.id, substr(p.text, 1, ${SUMMARY_EXCERPT_CHARS}), p.time_zone, p.scheduled_at, p.status, p.labels, p.target_marks, p.updated_at`;

export type SummaryRow = [string, string, string, number | null, string, string, string, number];

const UNIT = '\x1f';
const RECORD = '\x1e';

/** "account<US>status" for each target, joined by <RS>: see migration 0007. */
export function parseTargetMarks(marks: string): TargetMark[] {
  if (marks === '') return [];
  return marks.split(RECORD).map((m) => {
    const at = m.lastIndexOf(UNIT);
    return { accountId: m.slice(0, at), status: m.slice(at + 1) as TargetStatus };
  });
}

export function summaryFromRow(r: SummaryRow): PostSummary {
  return {
    id: r[0],
    excerpt: r[1],
    timeZone: r[2],
    scheduledAt: r[3],
    status: r[4] as PostStatus,
    labels: parseList(r[5], 'post_labels', r[0]),
    targets: parseTargetMarks(r[6]),
    updatedAt: r[7],
  };
}
