// Each person's choice of notification emails against a real PostgreSQL: every notification is in the app, and only
// the kinds a person chose are queued and sent by email (to a recording mailer; the SMTP path has its own tests).

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { seedAccount, seedMember, seedPost } from '../../testing/workspaceSeed';
import { migratePg } from '../pg/migrate';
import { WorkspaceComments } from './comments';
import type { Member } from './db';
import type { Mailer, OutgoingEmail } from './email';
import { type EmailPreference, NOTIFICATION_KINDS, NotificationCenter, type NotificationKind } from './notifications';

const db = databaseForThisFile('email_preferences');
let clock = new Date('2026-03-02T08:00:00Z');
const now = () => {
  clock = new Date(clock.getTime() + 1000);
  return clock;
};
let sent: OutgoingEmail[] = [];
const recording: Mailer = {
  async send(message) {
    sent.push(message);
  },
};
const mailing = () => new NotificationCenter(db().pool, { now, email: { mailer: recording, linkBase: 'https://kairos.example.org' } });

let ann: Member;
const people: Record<EmailPreference, Member> = {} as Record<EmailPreference, Member>;

beforeAll(async () => {
  await migratePg(db().pool);
});

beforeEach(async () => {
  const pool = db().pool;
  await pool.query('TRUNCATE users, accounts, posts, notifications CASCADE');
  sent = [];
  ann = await seedMember(pool, 'u_ann', 'Ann', 'approver');
  people.all = await seedMember(pool, 'u_all', 'Alba', 'editor');
  people.needs_me = await seedMember(pool, 'u_need', 'Nina', 'editor');
  people.none = await seedMember(pool, 'u_none', 'Nora', 'viewer');
  await seedAccount(pool, 'acc_1');
  await seedPost(pool, { id: 'p1', text: 'Spring sale', accounts: ['acc_1'] });
});

/** Writes one notification of each kind to the person, as its events would, and sends what is pending. */
async function oneOfEach(center: NotificationCenter, who: Member): Promise<Map<NotificationKind, { state: string; to: string | null }>> {
  for (const kind of NOTIFICATION_KINDS)
    await center.add(db().pool, [{ userId: who.id, kind, postId: 'p1', actorName: 'Ann', summary: `Ann: ${kind}` }]);
  await center.deliverPending();
  const list = await center.list(who.id);
  expect(list).toHaveLength(NOTIFICATION_KINDS.length);
  return new Map(list.map((n) => [n.kind, { state: n.email.state, to: n.email.to }]));
}

describe('email preferences', () => {
  it('start as everything, and are read and set per person', async () => {
    const center = mailing();
    expect(center.emailConfigured).toBe(true);
    expect(new NotificationCenter(db().pool).emailConfigured).toBe(false);
    expect(await center.emailPreference(people.none.id)).toBe('all');
    expect(await center.setEmailPreference(people.none.id, 'none')).toBe(true);
    expect(await center.emailPreference(people.none.id)).toBe('none');
    // Someone else's choice is untouched; nobody has no choice.
    expect(await center.emailPreference(people.all.id)).toBe('all');
    expect(await center.setEmailPreference('u_nobody', 'none')).toBe(false);
    expect(await center.emailPreference('u_nobody')).toBeNull();
  });

  it('send everything, only what needs the person, or nothing, while every notification stays in the app', async () => {
    const center = mailing();
    await center.setEmailPreference(people.needs_me.id, 'needs_me');
    await center.setEmailPreference(people.none.id, 'none');

    const all = await oneOfEach(center, people.all);
    for (const kind of NOTIFICATION_KINDS) expect(all.get(kind)).toEqual({ state: 'sent', to: 'u_all@example.org' });

    const needs = await oneOfEach(center, people.needs_me);
    expect(Object.fromEntries(needs)).toEqual({
      review_requested: { state: 'sent', to: 'u_need@example.org' },
      changes_requested: { state: 'sent', to: 'u_need@example.org' },
      mentioned: { state: 'sent', to: 'u_need@example.org' },
      approved: { state: 'none', to: null },
      commented: { state: 'none', to: null },
    });

    const none = await oneOfEach(center, people.none);
    for (const kind of NOTIFICATION_KINDS) expect(none.get(kind)).toEqual({ state: 'none', to: null });
    expect(await center.unreadCount(people.none.id)).toBe(NOTIFICATION_KINDS.length);

    expect(sent.map((m) => m.to).sort()).toEqual([
      ...Array(NOTIFICATION_KINDS.length).fill('u_all@example.org'),
      ...Array(3).fill('u_need@example.org'),
    ]);
    expect(
      sent
        .filter((m) => m.to === 'u_need@example.org')
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['A post waits for your review', 'Changes were requested on your post', 'You were mentioned in a comment']);
  });

  it('apply to what a comment tells: the author of the post and the people it mentions', async () => {
    const pool = db().pool;
    await pool.query(`UPDATE posts SET author_id = $1, revised_by = $1 WHERE id = 'p1'`, [people.needs_me.id]);
    await new NotificationCenter(pool).setEmailPreference(people.none.id, 'none');
    await new NotificationCenter(pool).setEmailPreference(people.needs_me.id, 'needs_me');
    const center = mailing();
    const comments = new WorkspaceComments(pool, { now, notifications: center });
    // Nina wrote the post (a comment on it does not need her), Alba and Nora are mentioned.
    await comments.add(ann, 'p1', { body: 'Looks good to me, @Alba and @Nora?' });
    await center.drain();
    expect((await center.list(people.needs_me.id)).map((n) => [n.kind, n.email.state])).toEqual([['commented', 'none']]);
    expect((await center.list(people.none.id)).map((n) => [n.kind, n.email.state])).toEqual([['mentioned', 'none']]);
    expect((await center.list(people.all.id)).map((n) => [n.kind, n.email.state])).toEqual([['mentioned', 'sent']]);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([['u_all@example.org', 'You were mentioned in a comment']]);
    // Her mind changed, the next mention of Nora reaches her inbox.
    await center.setEmailPreference(people.none.id, 'needs_me');
    await comments.add(ann, 'p1', { body: '@Nora one more thing' });
    await center.drain();
    expect(sent.map((m) => m.to)).toEqual(['u_all@example.org', 'u_none@example.org']);
  });

  it('do not matter without a mail server: nothing is queued for anyone', async () => {
    const center = new NotificationCenter(db().pool, { now });
    const all = await oneOfEach(center, people.all);
    for (const kind of NOTIFICATION_KINDS) expect(all.get(kind)).toEqual({ state: 'none', to: null });
    expect(sent).toEqual([]);
  });
});
