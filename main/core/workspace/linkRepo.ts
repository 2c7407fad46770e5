// The desktop's link to a workspace in its own SQLite database (migrations 0014, 0015): the connection with its sealed
// session cookie, the outbox of changes to posts kept while the workspace cannot be reached, and the notes about them.

import { z } from 'zod';
import type { WorkspaceMember, WorkspaceNote } from '../../../shared/contract';
import type { Problem } from '../../../shared/contract/problems';
import type { Db } from '../db/database';
import { parseJson, parseJsonObject } from '../parse';

export const OUTBOX_CHANNELS = ['posts.create', 'posts.update', 'posts.delete', 'posts.reschedule', 'posts.cancel'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export interface StoredLink {
  readonly url: string;
  readonly email: string;
  readonly member: WorkspaceMember | null;
  /** The session cookie as sealed by the desktop's cipher; null once the session ended. */
  readonly sealedSession: Buffer | null;
  readonly connectedAt: number;
}

export interface OutboxEntry {
  readonly seq: number;
  readonly id: string;
  readonly channel: OutboxChannel;
  readonly payload: Record<string, unknown>;
  /** A few words of the post as this computer last showed it (null when it had not): for a note once it is gone. */
  readonly excerpt: string | null;
  readonly createdAt: number;
  readonly attempts: number;
}

const MemberSchema = z.object({ id: z.string(), email: z.string(), displayName: z.string(), role: z.string() });
const ProblemSchema = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) });

/** How many notes are kept: the person reads the latest; older ones are history nobody asked for. */
const NOTES_KEPT = 20;

interface LinkRow {
  url: string;
  email: string;
  member: string | null;
  session: Buffer | null;
  connected_at: number;
}
interface OutboxRow {
  seq: number;
  id: string;
  channel: OutboxChannel;
  payload: string;
  excerpt: string | null;
  created_at: number;
  attempts: number;
}

export class WorkspaceLinkRepo {
  constructor(private readonly db: Db) {}

  link(): StoredLink | null {
    const row = this.db.prepare<[], LinkRow>('SELECT url, email, member, session, connected_at FROM workspace_link WHERE id = 1').get();
    if (!row) return null;
    const member = row.member === null ? null : MemberSchema.safeParse(parseJson(row.member));
    return {
      url: row.url,
      email: row.email,
      member: member?.success ? member.data : null,
      sealedSession: row.session,
      connectedAt: row.connected_at,
    };
  }

  /** Saves the link; a link to another workspace drops the outbox and notes of the one before. */
  save(link: StoredLink): void {
    this.db.transaction(() => {
      const before = this.link();
      if (before && before.url !== link.url) this.#forget();
      this.db
        .prepare(
          `INSERT INTO workspace_link (id, url, email, member, session, connected_at) VALUES (1, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, email = excluded.email, member = excluded.member,
             session = excluded.session, connected_at = excluded.connected_at`,
        )
        .run(link.url, link.email, link.member ? JSON.stringify(link.member) : null, link.sealedSession, link.connectedAt);
    })();
  }

  /** The session ended: the address and who it was stay, so signing in again is one password away. */
  endSession(): void {
    this.db.prepare('UPDATE workspace_link SET session = NULL WHERE id = 1').run();
  }

  /** Back to this computer's own data: the link, the outbox and the notes go. */
  clear(): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM workspace_link').run();
      this.#forget();
    })();
  }

  #forget(): void {
    this.db.prepare('DELETE FROM workspace_outbox').run();
    this.db.prepare('DELETE FROM workspace_notes').run();
  }

  // ---- outbox --------------------------------------------------------------------------------

  outbox(): OutboxEntry[] {
    return this.db
      .prepare<[], OutboxRow>('SELECT seq, id, channel, payload, excerpt, created_at, attempts FROM workspace_outbox ORDER BY seq')
      .all()
      .map((r) => ({
        seq: r.seq,
        id: r.id,
        channel: r.channel,
        payload: parseJsonObject(r.payload) ?? {},
        excerpt: r.excerpt,
        createdAt: r.created_at,
        attempts: r.attempts,
      }));
  }

  pendingCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM workspace_outbox').get()?.n ?? 0;
  }

  add(entry: { id: string; channel: OutboxChannel; payload: Record<string, unknown>; excerpt?: string | null; createdAt: number }): void {
    this.db
      .prepare('INSERT INTO workspace_outbox (id, channel, payload, excerpt, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(entry.id, entry.channel, JSON.stringify(entry.payload), entry.excerpt ?? null, entry.createdAt);
  }

  /** Replaces what an entry will send, keeping its place in the order (a draft saved again before it went). */
  replacePayload(id: string, payload: Record<string, unknown>): void {
    this.db.prepare('UPDATE workspace_outbox SET payload = ? WHERE id = ?').run(JSON.stringify(payload), id);
  }

  /** Counted before each send, so an entry that keeps failing can be told apart. */
  attempted(id: string): void {
    this.db.prepare('UPDATE workspace_outbox SET attempts = attempts + 1 WHERE id = ?').run(id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM workspace_outbox WHERE id = ?').run(id);
  }

  // ---- notes ---------------------------------------------------------------------------------

  addNote(note: WorkspaceNote): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO workspace_notes (id, at, problem, message) VALUES (?, ?, ?, ?)')
        .run(note.id, note.at, JSON.stringify(note.problem), note.message);
      this.db
        .prepare('DELETE FROM workspace_notes WHERE id NOT IN (SELECT id FROM workspace_notes ORDER BY at DESC, id DESC LIMIT ?)')
        .run(NOTES_KEPT);
    })();
  }

  notes(): WorkspaceNote[] {
    return this.db
      .prepare<[], { id: string; at: number; problem: string; message: string }>(
        'SELECT id, at, problem, message FROM workspace_notes ORDER BY at DESC, id DESC',
      )
      .all()
      .flatMap((r) => {
        const p = ProblemSchema.safeParse(parseJson(r.problem));
        const problem = (p.success ? p.data : { code: 'earlier_note', params: { text: r.message } }) as Problem;
        return [{ id: r.id, at: r.at, problem, message: r.message }];
      });
  }
}
