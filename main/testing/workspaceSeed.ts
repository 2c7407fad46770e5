// Rows a review-workflow test starts from, written with SQL while the PostgreSQL posts store does not exist yet:
// members with roles, accounts, and posts with targets.

import type pg from 'pg';
import type { Role } from '../server/auth/permissions';
import type { Member } from '../server/workspace/db';
import { WorkspaceError } from '../server/workspace/errors';

export async function seedMember(pool: pg.Pool, id: string, name: string, role: Role, email = `${id}@example.org`): Promise<Member> {
  await pool.query(
    `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, 'x', now(), now())`,
    [id, email, name, role],
  );
  return { id, displayName: name, role };
}

export async function seedAccount(pool: pg.Pool, id: string, platform = 'mastodon', name = id): Promise<void> {
  await pool.query(`INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now())`, [
    id,
    platform,
    name,
    `@${id}`,
  ]);
}

export interface SeedPost {
  readonly id: string;
  readonly text?: string;
  readonly parts?: readonly string[];
  readonly labels?: readonly string[];
  readonly accounts?: readonly string[];
  readonly scheduledAt?: string;
}

export async function seedPost(pool: pg.Pool, p: SeedPost): Promise<void> {
  const at = p.scheduledAt ?? '2026-04-01T09:00:00Z';
  await pool.query(
    `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, parts, created_at, updated_at)
     VALUES ($1, $2, 'Europe/Rome', $3, 'scheduled', $4, $5, now(), now())`,
    [p.id, p.text ?? 'Launch day', at, JSON.stringify(p.labels ?? []), JSON.stringify(p.parts ?? [])],
  );
  for (const [i, acc] of (p.accounts ?? []).entries())
    await pool.query(
      `INSERT INTO targets (id, post_id, account_id, status, due_at, intended_at, idempotency_key) VALUES ($1, $2, $3, 'scheduled', $4, $4, $5)`,
      [`${p.id}_t${i}`, p.id, acc, at, `${p.id}-${acc}`],
    );
}

/** What a refused workspace call threw (its code and words); fails the test when it succeeded or threw something else. */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof WorkspaceError)) throw new Error(`Expected a WorkspaceError, got ${e === null ? 'success' : String(e)}`);
  return { code: e.code, message: e.message };
}
