// Users and sessions of a workspace, in PostgreSQL: the first owner, invitations by link, sign-in with limits every
// server process shares, sessions behind a cookie, and sign-out everywhere. Only hashes of tokens and passwords are
// stored (secrets.ts); a token or password never appears in an error or a log line.

import type pg from 'pg';
import { inTransaction } from '../pg/transaction';
import { canInvite, isRole, type Role } from './permissions';
import {
  hashPassword,
  hashToken,
  needsRehash,
  newId,
  newToken,
  passwordProblem,
  SCRYPT_PARAMS,
  type ScryptParams,
  unmatchableHash,
  verifyPassword,
} from './secrets';

export type AuthErrorCode =
  | 'bad_email'
  | 'bad_name'
  | 'weak_password'
  | 'email_taken'
  | 'workspace_has_owner'
  | 'not_allowed'
  | 'invitation_unknown'
  | 'invitation_used'
  | 'invitation_revoked'
  | 'invitation_expired'
  | 'invitation_other_email'
  | 'sign_in_failed'
  | 'rate_limited';

/** A refusal with a code for the renderer to word and an English sentence for logs and the CLI. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface OpenedSession {
  /** For the cookie only: the database keeps its hash. */
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly user: User;
}

export interface CurrentSession {
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly user: User;
}

export interface AuthPolicy {
  /** A session ends after this long without a request... */
  readonly sessionIdleMs: number;
  /** ...and after this long in any case. */
  readonly sessionMaxMs: number;
  readonly invitationTtlMs: number;
  /** Sign-in attempts for one account per window, counted until one succeeds. */
  readonly accountAttempts: number;
  /** Failed sign-in attempts from one network address per window, whatever the account. */
  readonly addressAttempts: number;
  readonly limitWindowMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_POLICY: AuthPolicy = {
  sessionIdleMs: 14 * DAY,
  sessionMaxMs: 90 * DAY,
  invitationTtlMs: 7 * DAY,
  accountAttempts: 5,
  addressAttempts: 30,
  limitWindowMs: 15 * 60_000,
};

export interface AuthOptions {
  readonly now?: () => Date;
  readonly policy?: Partial<AuthPolicy>;
  /** The cost of new password hashes; SCRYPT_PARAMS unless a deployment raises it (or a test lowers it). */
  readonly scrypt?: ScryptParams;
}

export interface RequestOrigin {
  /** The client's network address (the reverse proxy's X-Forwarded-For, when it is trusted). */
  readonly address: string;
  readonly userAgent?: string;
}

/** How long the server waits between refreshing a session's last-seen time: no write on every request. */
const TOUCH_EVERY_MS = 60_000;

export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))
    throw new AuthError('bad_email', `“${email.trim().slice(0, 80)}” is not an email address. Type it as name@example.org.`);
  return e;
}

function displayName(name: string): string {
  const n = name.trim();
  if (n.length < 1 || n.length > 100) throw new AuthError('bad_name', 'Type your name (up to 100 characters), as teammates will see it.');
  return n;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AuthError('weak_password', problem);
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: string;
}

function toUser(r: UserRow): User {
  if (!isRole(r.role)) throw new Error(`User ${r.id} has an unknown role.`);
  return { id: r.id, email: r.email, displayName: r.display_name, role: r.role };
}

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === constraint;

export class WorkspaceAuth {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #scrypt: ScryptParams;
  readonly #unknownUserHash: string;
  readonly policy: AuthPolicy;

  constructor(pool: pg.Pool, options: AuthOptions = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    this.#scrypt = options.scrypt ?? SCRYPT_PARAMS;
    this.#unknownUserHash = unmatchableHash(this.#scrypt);
  }

  #transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, fn);
  }

  /** The first person of a new workspace, as owner. Refused once the workspace has anyone. */
  async createOwner(input: { email: string; displayName: string; password: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    const name = displayName(input.displayName);
    checkPassword(input.password);
    const hash = await hashPassword(input.password, this.#scrypt);
    return this.#transaction(async (c) => {
      // Two servers started with the same first-owner settings: one creates the owner, the other is refused.
      await c.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      if ((rows[0]?.n ?? 0) > 0)
        throw new AuthError('workspace_has_owner', 'This workspace has people already; ask its owner or an admin for an invitation.');
      return this.#insertUser(c, { email, name, role: 'owner', hash });
    });
  }

  async #insertUser(c: pg.PoolClient, u: { email: string; name: string; role: Role; hash: string }): Promise<User> {
    const now = this.#now();
    try {
      const { rows } = await c.query<UserRow>(
        `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
         RETURNING id, email, display_name, role`,
        [newId('usr'), u.email, u.name, u.role, u.hash, now],
      );
      return toUser(rows[0] as UserRow);
    } catch (e) {
      if (isUniqueViolation(e, 'users_by_email'))
        throw new AuthError('email_taken', `${u.email} already has an account in this workspace. Sign in instead.`, { email: u.email });
      throw e;
    }
  }

  async #userById(c: pg.Pool | pg.PoolClient, id: string): Promise<User | null> {
    const { rows } = await c.query<UserRow>('SELECT id, email, display_name, role FROM users WHERE id = $1 AND deactivated_at IS NULL', [
      id,
    ]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  /**
   * An invitation link's token (given once: only its hash is kept), for one role and optionally one address. Owners
   * may invite anyone, admins anyone but an owner.
   */
  async invite(
    inviterId: string,
    input: { role: Role; email?: string; ttlMs?: number },
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const inviter = await this.#userById(this.#pool, inviterId);
    if (!inviter || !canInvite(inviter.role, input.role))
      throw new AuthError(
        'not_allowed',
        input.role === 'owner' ? 'Only the owner can invite another owner.' : 'Only the owner or an admin can invite people.',
      );
    const email = input.email === undefined ? null : normalizeEmail(input.email);
    const now = this.#now();
    const expiresAt = new Date(now.getTime() + (input.ttlMs ?? this.policy.invitationTtlMs));
    const { token, hash } = newToken();
    const id = newId('inv');
    await this.#pool.query(
      'INSERT INTO invitations (id, token_hash, email, role, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, hash, email, input.role, inviter.id, now, expiresAt],
    );
    return { id, token, expiresAt };
  }

  async revokeInvitation(id: string): Promise<void> {
    await this.#pool.query('UPDATE invitations SET revoked_at = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL', [
      id,
      this.#now(),
    ]);
  }

  /**
   * Joins the workspace with an invitation's token: creates the user with the invitation's role and opens a session.
   * The invitation is used up in the same transaction, so a link works once even when two people click it together.
   */
  async acceptInvitation(
    token: string,
    input: { email: string; displayName: string; password: string },
    origin: RequestOrigin,
  ): Promise<OpenedSession> {
    const email = normalizeEmail(input.email);
    const name = displayName(input.displayName);
    checkPassword(input.password);
    const hash = await hashPassword(input.password, this.#scrypt);
    const user = await this.#transaction(async (c) => {
      const now = this.#now();
      const { rows } = await c.query<{
        id: string;
        email: string | null;
        role: string;
        accepted_at: Date | null;
        revoked_at: Date | null;
        expires_at: Date;
      }>('SELECT id, email, role, accepted_at, revoked_at, expires_at FROM invitations WHERE token_hash = $1 FOR UPDATE', [
        hashToken(token),
      ]);
      const inv = rows[0];
      if (!inv) throw new AuthError('invitation_unknown', 'This invitation link is not valid. Ask for a new one.');
      if (inv.accepted_at)
        throw new AuthError('invitation_used', 'This invitation link has been used already. Sign in, or ask for a new link.');
      if (inv.revoked_at)
        throw new AuthError('invitation_revoked', 'This invitation was withdrawn. Ask the person who invited you for a new one.');
      if (inv.expires_at.getTime() <= now.getTime())
        throw new AuthError('invitation_expired', 'This invitation link has expired. Ask for a new one.', {
          expiredAt: inv.expires_at.toISOString(),
        });
      if (inv.email !== null && inv.email !== email)
        throw new AuthError(
          'invitation_other_email',
          `This invitation is for ${inv.email}. Join with that address, or ask for an invitation for yours.`,
          {
            email: inv.email,
          },
        );
      if (!isRole(inv.role)) throw new Error(`Invitation ${inv.id} has an unknown role.`);
      const created = await this.#insertUser(c, { email, name, role: inv.role, hash });
      await c.query('UPDATE invitations SET accepted_at = $2, accepted_by = $3 WHERE id = $1', [inv.id, now, created.id]);
      return created;
    });
    return this.#openSession(user, origin);
  }

  async #openSession(user: User, origin: RequestOrigin): Promise<OpenedSession> {
    const now = this.#now();
    const { token, hash } = newToken();
    const sessionId = newId('ses');
    const expiresAt = new Date(now.getTime() + Math.min(this.policy.sessionIdleMs, this.policy.sessionMaxMs));
    await this.#pool.query(
      `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [sessionId, hash, user.id, now, expiresAt, origin.address.slice(0, 100), origin.userAgent?.slice(0, 300) ?? null],
    );
    return { token, sessionId, expiresAt, user };
  }

  /** Counts one attempt in a window and returns the count and when the window ends. One statement: concurrent attempts all count. */
  async #count(scope: 'account' | 'address', key: string, now: Date): Promise<{ attempts: number; until: Date }> {
    const { rows } = await this.#pool.query<{ attempts: number; window_start: Date }>(
      `INSERT INTO sign_in_limits (scope, key, window_start, attempts) VALUES ($1, $2, $3, 1)
       ON CONFLICT (scope, key) DO UPDATE SET
         window_start = CASE WHEN sign_in_limits.window_start <= $3::timestamptz - $4 * interval '1 millisecond' THEN $3 ELSE sign_in_limits.window_start END,
         attempts = CASE WHEN sign_in_limits.window_start <= $3::timestamptz - $4 * interval '1 millisecond' THEN 1 ELSE sign_in_limits.attempts + 1 END
       RETURNING attempts, window_start`,
      [scope, key, now, this.policy.limitWindowMs],
    );
    const row = rows[0] as { attempts: number; window_start: Date };
    return { attempts: row.attempts, until: new Date(row.window_start.getTime() + this.policy.limitWindowMs) };
  }

  /**
   * Signs in with an address and password. Each attempt is counted for the account and for the network address before
   * the password is checked; past the limit the answer is "wait", whatever the password. A success clears the
   * account's count and takes its attempt off the address's.
   */
  async signIn(input: { email: string; password: string }, origin: RequestOrigin): Promise<OpenedSession> {
    const failed = () => new AuthError('sign_in_failed', 'The email address or the password is wrong.');
    let email: string;
    try {
      email = normalizeEmail(input.email);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      // Said the same way as a wrong password: the answer never tells which addresses have accounts.
      throw failed();
    }
    const now = this.#now();
    const account = await this.#count('account', email, now);
    const address = await this.#count('address', origin.address, now);
    const blocked =
      account.attempts > this.policy.accountAttempts
        ? account.until
        : address.attempts > this.policy.addressAttempts
          ? address.until
          : null;
    if (blocked) {
      const minutes = Math.max(1, Math.ceil((blocked.getTime() - now.getTime()) / 60_000));
      throw new AuthError(
        'rate_limited',
        `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to reset your password.`,
        { retryAt: blocked.toISOString(), minutes },
      );
    }
    const { rows } = await this.#pool.query<UserRow & { password_hash: string }>(
      'SELECT id, email, display_name, role, password_hash FROM users WHERE email = $1 AND deactivated_at IS NULL',
      [email],
    );
    const row = rows[0];
    // An unknown address costs the same scrypt as a known one.
    const ok = await verifyPassword(input.password, row?.password_hash ?? this.#unknownUserHash);
    if (!row || !ok) throw failed();
    await this.#pool.query(`DELETE FROM sign_in_limits WHERE scope = 'account' AND key = $1`, [email]);
    await this.#pool.query(`UPDATE sign_in_limits SET attempts = greatest(attempts - 1, 0) WHERE scope = 'address' AND key = $1`, [
      origin.address,
    ]);
    if (needsRehash(row.password_hash, this.#scrypt))
      await this.#pool.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [
        row.id,
        await hashPassword(input.password, this.#scrypt),
        now,
      ]);
    return this.#openSession(toUser(row), origin);
  }

  /**
   * The session a cookie's token opens, or null when it is unknown, expired, or its user was deactivated. Extends the
   * session by the idle time (up to its maximum age), writing at most once a minute.
   */
  async authenticate(token: string): Promise<CurrentSession | null> {
    const now = this.#now();
    const { rows } = await this.#pool.query<UserRow & { session_id: string; created_at: Date; last_seen_at: Date; expires_at: Date }>(
      `SELECT s.id AS session_id, s.created_at, s.last_seen_at, s.expires_at, u.id, u.email, u.display_name, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.deactivated_at IS NULL`,
      [hashToken(token), now],
    );
    const row = rows[0];
    if (!row) return null;
    let expiresAt = row.expires_at;
    if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
      expiresAt = new Date(Math.min(now.getTime() + this.policy.sessionIdleMs, row.created_at.getTime() + this.policy.sessionMaxMs));
      await this.#pool.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1', [row.session_id, now, expiresAt]);
    }
    return { sessionId: row.session_id, expiresAt, user: toUser(row) };
  }

  /** Ends the session of this token (sign-out on this device). */
  async signOut(token: string): Promise<void> {
    await this.#pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
  }

  /** Ends every session of the user, on every device and server process; returns how many there were. */
  async signOutEverywhere(userId: string): Promise<number> {
    const { rowCount } = await this.#pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    return rowCount ?? 0;
  }

  /** Changes the password after checking the current one, and signs out every other session. */
  async changePassword(session: CurrentSession, current: string, next: string): Promise<void> {
    checkPassword(next);
    const { rows } = await this.#pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [session.user.id]);
    if (!rows[0] || !(await verifyPassword(current, rows[0].password_hash)))
      throw new AuthError('sign_in_failed', 'The current password is wrong; the password was not changed.');
    const hash = await hashPassword(next, this.#scrypt);
    await this.#transaction(async (c) => {
      await c.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [session.user.id, hash, this.#now()]);
      await c.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [session.user.id, session.sessionId]);
    });
  }

  /** Removes expired sessions and finished sign-in windows; the server runs it now and then. */
  async sweep(): Promise<{ sessions: number; limits: number }> {
    const now = this.#now();
    const s = await this.#pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    const l = await this.#pool.query(`DELETE FROM sign_in_limits WHERE window_start <= $1::timestamptz - $2 * interval '1 millisecond'`, [
      now,
      this.policy.limitWindowMs,
    ]);
    return { sessions: s.rowCount ?? 0, limits: l.rowCount ?? 0 };
  }
}
