// Users and sessions against a real PostgreSQL: the first owner, invitations, sign-in limits shared by server
// processes, sessions and sign-out everywhere.

import pg from 'pg';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { migratePg } from '../pg/migrate';
import { AuthError, type AuthErrorCode, type AuthPolicy, WorkspaceAuth } from './auth';
import { hashToken } from './secrets';

const db = databaseForThisFile('auth');
let clock = new Date('2026-03-02T08:00:00Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const here = { address: '203.0.113.7', userAgent: 'test' };
const PASSWORD = 'correct horse battery';

/** Cheap hashes keep these tests quick; secrets.test.ts checks the real cost, and the first owner test the default. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };
function auth(policy: Partial<AuthPolicy> = {}, pool: pg.Pool = db().pool): WorkspaceAuth {
  return new WorkspaceAuth(pool, { now, policy, scrypt: FAST });
}

async function refusal(p: Promise<unknown>): Promise<{ code: AuthErrorCode; message: string; params: Record<string, unknown> }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AuthError)) throw new Error(`Expected an AuthError, got ${e === null ? 'success' : String(e)}`);
  return { code: e.code, message: e.message, params: { ...e.params } };
}

beforeAll(async () => {
  await migratePg(db().pool);
});

beforeEach(async () => {
  clock = new Date('2026-03-02T08:00:00Z');
  await db().pool.query('TRUNCATE users, invitations, sessions, sign_in_limits CASCADE');
});

async function owner(a = auth()) {
  return a.createOwner({ email: ' Owner@Example.org ', displayName: 'Olga', password: PASSWORD });
}

describe('the first owner', () => {
  it('is created once, with a normalized address and an scrypt hash; a second one is refused', async () => {
    const o = await owner(new WorkspaceAuth(db().pool, { now }));
    expect(o).toMatchObject({ email: 'owner@example.org', displayName: 'Olga', role: 'owner' });
    const { rows } = await db().pool.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(rows[0]?.password_hash).not.toContain(PASSWORD);
    expect((await refusal(auth().createOwner({ email: 'b@example.org', displayName: 'B', password: PASSWORD }))).code).toBe(
      'workspace_has_owner',
    );
  });

  it('refuses a short password and a malformed address, saying what to do', async () => {
    expect(await refusal(auth().createOwner({ email: 'a@example.org', displayName: 'A', password: 'short' }))).toMatchObject({
      code: 'weak_password',
      message: 'Choose a password of at least 10 characters.',
    });
    expect(await refusal(auth().createOwner({ email: 'not an address', displayName: 'A', password: PASSWORD }))).toMatchObject({
      code: 'bad_email',
      message: '“not an address” is not an email address. Type it as name@example.org.',
    });
  });
});

describe('invitations', () => {
  it('make an account with the invited role and open its session; the link works once and only its hash is stored', async () => {
    const o = await owner();
    const inv = await auth().invite(o.id, { role: 'editor' });
    expect(inv.expiresAt).toEqual(new Date(clock.getTime() + 7 * DAY));
    const { rows } = await db().pool.query('SELECT token_hash FROM invitations');
    expect(rows).toEqual([{ token_hash: hashToken(inv.token) }]);

    const opened = await auth().acceptInvitation(inv.token, { email: 'Eddie@example.org', displayName: 'Eddie', password: PASSWORD }, here);
    expect(opened.user).toMatchObject({ email: 'eddie@example.org', role: 'editor' });
    expect((await auth().authenticate(opened.token))?.user.id).toBe(opened.user.id);
    expect(
      (await refusal(auth().acceptInvitation(inv.token, { email: 'other@example.org', displayName: 'O', password: PASSWORD }, here))).code,
    ).toBe('invitation_used');
    expect((await db().pool.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 2 }]);
  });

  it('are refused when unknown, withdrawn, expired or for another address', async () => {
    const o = await owner();
    const join = (token: string, email = 'new@example.org') =>
      refusal(auth().acceptInvitation(token, { email, displayName: 'New', password: PASSWORD }, here));
    expect((await join('x'.repeat(43))).code).toBe('invitation_unknown');

    const withdrawn = await auth().invite(o.id, { role: 'viewer' });
    await auth().revokeInvitation(withdrawn.id);
    expect((await join(withdrawn.token)).code).toBe('invitation_revoked');

    const short = await auth().invite(o.id, { role: 'viewer', ttlMs: 60 * MIN });
    advance(60 * MIN);
    expect(await join(short.token)).toMatchObject({
      code: 'invitation_expired',
      message: 'This invitation link has expired. Ask for a new one.',
    });

    const forAnn = await auth().invite(o.id, { role: 'approver', email: 'Ann@example.org' });
    expect(await join(forAnn.token)).toMatchObject({ code: 'invitation_other_email', params: { email: 'ann@example.org' } });
    const ann = await auth().acceptInvitation(forAnn.token, { email: 'ann@example.org', displayName: 'Ann', password: PASSWORD }, here);
    expect(ann.user.role).toBe('approver');
  });

  it('are given by owners and admins only, and only owners invite owners', async () => {
    const o = await owner();
    const admin = (
      await auth().acceptInvitation(
        (
          await auth().invite(o.id, { role: 'admin' })
        ).token,
        { email: 'ad@example.org', displayName: 'Ad', password: PASSWORD },
        here,
      )
    ).user;
    const editor = (
      await auth().acceptInvitation(
        (
          await auth().invite(admin.id, { role: 'editor' })
        ).token,
        { email: 'ed@example.org', displayName: 'Ed', password: PASSWORD },
        here,
      )
    ).user;
    expect(await refusal(auth().invite(admin.id, { role: 'owner' }))).toMatchObject({
      code: 'not_allowed',
      message: 'Only the owner can invite another owner.',
    });
    expect((await refusal(auth().invite(editor.id, { role: 'viewer' }))).code).toBe('not_allowed');
    expect((await auth().invite(o.id, { role: 'owner' })).token).toMatch(/^[\w-]{43}$/);
  });

  it('make one account when two people use the same link at once', async () => {
    const o = await owner();
    const inv = await auth().invite(o.id, { role: 'viewer' });
    const other = new pg.Pool({ ...db().config, max: 2 });
    try {
      const results = await Promise.allSettled([
        auth().acceptInvitation(inv.token, { email: 'one@example.org', displayName: 'One', password: PASSWORD }, here),
        auth({}, other).acceptInvitation(inv.token, { email: 'two@example.org', displayName: 'Two', password: PASSWORD }, here),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as AuthError).code).toBe('invitation_used');
      expect((await db().pool.query(`SELECT count(*)::int AS n FROM users WHERE role = 'viewer'`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await other.end();
    }
  });
});

describe('signing in', () => {
  it('opens a session for the right password and gives one answer for a wrong password and an unknown address', async () => {
    await owner();
    const s = await auth().signIn({ email: 'OWNER@example.org', password: PASSWORD }, here);
    expect(s.user.role).toBe('owner');
    expect(s.token).toMatch(/^[\w-]{43}$/);
    const wrong = await refusal(auth().signIn({ email: 'owner@example.org', password: 'wrong password!' }, here));
    const unknown = await refusal(auth().signIn({ email: 'nobody@example.org', password: PASSWORD }, here));
    const garbled = await refusal(auth().signIn({ email: 'no address', password: PASSWORD }, here));
    for (const r of [wrong, unknown, garbled])
      expect(r).toEqual({ code: 'sign_in_failed', message: 'The email address or the password is wrong.', params: {} });
  });

  it('stops trying an account after the limit, even with the right password, until the window ends; a success clears it', async () => {
    await owner();
    for (let i = 0; i < 5; i++)
      expect((await refusal(auth().signIn({ email: 'owner@example.org', password: `wrong ${i} attempt` }, here))).code).toBe(
        'sign_in_failed',
      );
    advance(5 * MIN);
    expect(await refusal(auth().signIn({ email: 'owner@example.org', password: PASSWORD }, { address: '198.51.100.1' }))).toEqual({
      code: 'rate_limited',
      message: 'Too many sign-in attempts. Try again in 10 minutes, or ask an admin to reset your password.',
      params: { retryAt: '2026-03-02T08:15:00.000Z', minutes: 10 },
    });
    advance(10 * MIN);
    await auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    // The success cleared the account's count: five more tries before it stops again.
    for (let i = 0; i < 4; i++) await refusal(auth().signIn({ email: 'owner@example.org', password: 'wrong again!' }, here));
    await auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here);
  });

  it('replaces a hash made with a lower cost than today’s at the next sign-in', async () => {
    await owner();
    const stored = async () => (await db().pool.query<{ h: string }>('SELECT password_hash AS h FROM users')).rows[0]?.h;
    expect(await stored()).toMatch(/^scrypt\$1024\$/);
    await new WorkspaceAuth(db().pool, { now }).signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    expect(await stored()).toMatch(/^scrypt\$32768\$8\$1\$/);
    await auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here);
  });

  it('stops one network address trying many accounts, and not the others', async () => {
    await owner();
    const strict = auth({ addressAttempts: 3 });
    for (let i = 0; i < 3; i++)
      expect((await refusal(strict.signIn({ email: `guess${i}@example.org`, password: PASSWORD }, here))).code).toBe('sign_in_failed');
    expect((await refusal(strict.signIn({ email: 'owner@example.org', password: PASSWORD }, here))).code).toBe('rate_limited');
    expect((await strict.signIn({ email: 'owner@example.org', password: PASSWORD }, { address: '192.0.2.50' })).user.role).toBe('owner');
  });

  it('counts attempts made at once on two server processes: exactly the limit get a password check', async () => {
    await owner();
    const other = new pg.Pool({ ...db().config, max: 5 });
    try {
      const processes = [auth(), auth({}, other)];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_v, i) =>
          refusal(
            (processes[i % 2] as WorkspaceAuth).signIn(
              { email: 'owner@example.org', password: `wrong ${i} attempt` },
              { address: `192.0.2.${i}` },
            ),
          ),
        ),
      );
      const codes = results.map((r) => r.code).sort();
      expect(codes).toEqual([...Array(5).fill('rate_limited'), ...Array(5).fill('sign_in_failed')]);
    } finally {
      await other.end();
    }
  });
});

describe('sessions', () => {
  it('last while used, end after the idle time or the maximum age, and are stored only as hashes', async () => {
    await owner();
    const a = auth({ sessionIdleMs: 2 * DAY, sessionMaxMs: 5 * DAY });
    const s = await a.signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    const { rows } = await db().pool.query('SELECT token_hash, address, user_agent FROM sessions');
    expect(rows).toEqual([{ token_hash: hashToken(s.token), address: here.address, user_agent: 'test' }]);
    for (let day = 1; day <= 4; day++) {
      advance(DAY);
      expect((await a.authenticate(s.token))?.user.email, `day ${day}`).toBe('owner@example.org');
    }
    // Day 5: used every day, but the maximum age ends it.
    advance(DAY);
    expect(await a.authenticate(s.token)).toBeNull();

    const idle = await a.signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    advance(2 * DAY - MIN);
    expect(await a.authenticate(idle.token)).not.toBeNull();
    advance(2 * DAY);
    expect(await a.authenticate(idle.token)).toBeNull();
    expect(await a.authenticate('not-a-token-at-all-xxxxxxxx')).toBeNull();
  });

  it('sign out on one device, or everywhere (every server process sees it at once)', async () => {
    const o = await owner();
    const other = new pg.Pool({ ...db().config, max: 2 });
    try {
      const [laptop, phone, tablet] = await Promise.all(
        [1, 2, 3].map(() => auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here)),
      );
      await auth().signOut((laptop as { token: string }).token);
      expect(await auth().authenticate((laptop as { token: string }).token)).toBeNull();
      expect(await auth({}, other).authenticate((phone as { token: string }).token)).not.toBeNull();
      expect(await auth({}, other).signOutEverywhere(o.id)).toBe(2);
      for (const s of [phone, tablet]) expect(await auth().authenticate((s as { token: string }).token)).toBeNull();
    } finally {
      await other.end();
    }
  });

  it('end when their user is deactivated, and a password change signs out the other devices', async () => {
    const o = await owner();
    const here1 = await auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    const there = await auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    const current = await auth().authenticate(here1.token);
    if (!current) throw new Error('session expected');
    expect((await refusal(auth().changePassword(current, 'not the password', 'a new long password'))).code).toBe('sign_in_failed');
    await auth().changePassword(current, PASSWORD, 'a new long password');
    expect(await auth().authenticate(there.token)).toBeNull();
    expect(await auth().authenticate(here1.token)).not.toBeNull();
    expect((await refusal(auth().signIn({ email: 'owner@example.org', password: PASSWORD }, here))).code).toBe('sign_in_failed');
    await auth().signIn({ email: 'owner@example.org', password: 'a new long password' }, here);

    await db().pool.query('UPDATE users SET deactivated_at = now() WHERE id = $1', [o.id]);
    expect(await auth().authenticate(here1.token)).toBeNull();
    expect((await refusal(auth().signIn({ email: 'owner@example.org', password: 'a new long password' }, here))).code).toBe(
      'sign_in_failed',
    );
  });

  it('sweep removes expired sessions and finished sign-in windows', async () => {
    await owner();
    const a = auth({ sessionIdleMs: DAY });
    await a.signIn({ email: 'owner@example.org', password: PASSWORD }, here);
    await refusal(a.signIn({ email: 'owner@example.org', password: 'wrong password!' }, here));
    advance(DAY);
    expect(await a.sweep()).toEqual({ sessions: 1, limits: 2 });
    expect((await db().pool.query('SELECT count(*)::int AS n FROM sessions')).rows).toEqual([{ n: 0 }]);
  });
});
