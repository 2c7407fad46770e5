import { describe, expect, it } from 'vitest';
import type { WorkspaceStatus } from '../../../../shared/contract';
import { bannerFor, checkConnectForm, fieldOf, NOT_CONNECTED, unseenNotes, workspaceAddress } from './workspaceModel';

const WORDS = { required: { url: 'url?', email: 'email?', password: 'password?' }, urlLooksWrong: 'bad url' };
const connected: WorkspaceStatus = {
  state: 'connected',
  url: 'https://kairos.example.org',
  user: { id: 'u1', email: 'ed@example.org', displayName: 'Ed', role: 'editor' },
  online: true,
  pending: 0,
  notes: [],
};
const note = (id: string) => ({ id, at: 1, problem: { code: 'workspace_kept_as_draft', params: { excerpt: id } }, message: id }) as never;

describe('the workspace address', () => {
  it('adds https:// when none is typed and keeps only the origin', () => {
    expect(workspaceAddress(' kairos.example.org ')).toBe('https://kairos.example.org');
    expect(workspaceAddress('http://127.0.0.1:8420/')).toBe('http://127.0.0.1:8420');
    expect(workspaceAddress('https://kairos.example.org/calendar')).toBeNull();
    expect(workspaceAddress('ftp://kairos.example.org')).toBeNull();
    expect(workspaceAddress('kairos example')).toBeNull();
  });
});

describe('the connect form', () => {
  it('asks for each field it misses and refuses an address with a path', () => {
    expect(checkConnectForm({ url: '', email: '', password: '' }, WORDS)).toEqual({ url: 'url?', email: 'email?', password: 'password?' });
    expect(checkConnectForm({ url: 'kairos.example.org/x', email: 'a@b.c', password: 'pw' }, WORDS)).toEqual({ url: 'bad url' });
    expect(checkConnectForm({ url: 'kairos.example.org', email: 'a@b.c', password: 'pw' }, WORDS)).toEqual({});
  });

  it('puts a refused sign-in on the field it is about', () => {
    const base = { code: 'auth_required', problem: { code: 'workspace_sign_in_refused', params: {} }, message: 'no' } as const;
    expect(fieldOf({ ...base, field: 'password' })).toBe('password');
    expect(fieldOf({ ...base, field: 'text' })).toBeNull();
    expect(fieldOf(base)).toBeNull();
  });
});

describe('the banner', () => {
  it('shows offline with what waits, signed out, and nothing when fine or not connected', () => {
    expect(bannerFor(NOT_CONNECTED)).toBeNull();
    expect(bannerFor(connected)).toBeNull();
    expect(bannerFor({ ...connected, online: false, pending: 3 })).toEqual({ kind: 'offline', pending: 3 });
    expect(bannerFor({ ...connected, state: 'signed_out', online: false, pending: 1 })).toEqual({ kind: 'signed_out', pending: 1 });
  });

  it('shows only the notes newer than the one dismissed', () => {
    const status = { ...connected, notes: [note('c'), note('b'), note('a')] };
    expect(unseenNotes(status, null).map((n) => n.id)).toEqual(['c', 'b', 'a']);
    expect(unseenNotes(status, 'b').map((n) => n.id)).toEqual(['c']);
    expect(unseenNotes(status, 'c')).toEqual([]);
    expect(unseenNotes(status, 'gone').map((n) => n.id)).toEqual(['c', 'b', 'a']);
  });
});
