// The permission matrix: every contract channel has a decision for every role, and the decisions keep their order.

import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, SHELL_CHANNELS } from '../../../shared/contract';
import { CHANNEL_ACCESS, canInvite, decideAction, decideChannel, ROLES, type Role, WORKSPACE_ACTIONS } from './permissions';

const allowed = (role: Role) => new Set(CHANNELS.filter((c) => decideChannel(role, c).allowed));

describe('the permission matrix', () => {
  it('has a decision for each role on every channel of the contract, and no channel the contract lacks', () => {
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      for (const role of ROLES) {
        const d = decideChannel(role, channel);
        expect(typeof d.allowed, `${role} ${channel}`).toBe('boolean');
        // A refusal always says why; a permission says nothing.
        if (d.allowed) expect(d.reason, `${role} ${channel}`).toBe('');
        else expect(d.reason, `${role} ${channel}`).toMatch(/\S/);
      }
    }
  });

  it('offers no channel the browser shell lacks: those name files on one machine', () => {
    const desktopOnly = CHANNELS.filter((c) => !SHELL_CHANNELS.browser.has(c));
    expect(desktopOnly.length).toBeGreaterThan(0);
    for (const c of desktopOnly) expect(CHANNEL_ACCESS[c], c).toBe('unavailable');
    for (const role of ROLES) for (const c of desktopOnly) expect(decideChannel(role, c).allowed).toBe(false);
  });

  it('orders the roles: each of owner, admin, editor may do all the next one may; approver and viewer call the same channels', () => {
    const owner = allowed('owner');
    const admin = allowed('admin');
    const editor = allowed('editor');
    const viewer = allowed('viewer');
    for (const [wider, narrower, names] of [
      [owner, admin, 'owner/admin'],
      [admin, editor, 'admin/editor'],
      [editor, viewer, 'editor/viewer'],
    ] as const) {
      for (const c of narrower) expect(wider.has(c), `${names}: ${c}`).toBe(true);
      expect(wider.size, names).toBeGreaterThan(narrower.size);
    }
    expect([...allowed('approver')].sort()).toEqual([...viewer].sort());
    // Everything the server offers, the owner may call.
    expect([...owner].sort()).toEqual(CHANNELS.filter((c) => CHANNEL_ACCESS[c] !== 'unavailable').sort());
  });

  it('decides the cases a team relies on', () => {
    const cases: [Role, Channel, boolean][] = [
      ['viewer', 'posts.list', true],
      ['viewer', 'posts.create', false],
      ['approver', 'posts.update', false],
      ['approver', 'analytics.view', true],
      ['editor', 'posts.create', true],
      ['editor', 'engine.pause', true],
      ['editor', 'accounts.connect', false],
      ['editor', 'settings.set', false],
      ['admin', 'accounts.connect', true],
      ['admin', 'feeds.create', true],
      ['admin', 'nostr.exportKey', false],
      ['owner', 'nostr.exportKey', true],
      ['owner', 'database.restoreBackup', false],
      ['owner', 'app.preferences.set', false],
    ];
    for (const [role, channel, expected] of cases) expect(decideChannel(role, channel).allowed, `${role} ${channel}`).toBe(expected);
    expect(decideChannel('viewer', 'posts.create').reason).toBe(
      'Only an editor, admin or owner can do this (posts.create); you are a viewer in this workspace.',
    );
    expect(decideChannel('admin', 'nostr.exportKey').reason).toBe(
      'Only the owner can do this (nostr.exportKey); you are an admin in this workspace.',
    );
    expect(decideChannel('owner', 'media.pick').reason).toMatch(/belongs to the desktop app on one computer/);
  });

  it('decides every workspace action for every role: approvers approve, editors submit, only owners and admins manage people', () => {
    for (const action of Object.keys(WORKSPACE_ACTIONS) as (keyof typeof WORKSPACE_ACTIONS)[])
      for (const role of ROLES) expect(typeof decideAction(role, action).allowed).toBe('boolean');
    expect(ROLES.filter((r) => decideAction(r, 'approvals.decide').allowed)).toEqual(['owner', 'admin', 'approver']);
    expect(ROLES.filter((r) => decideAction(r, 'approvals.submit').allowed)).toEqual(['owner', 'admin', 'editor']);
    expect(ROLES.filter((r) => decideAction(r, 'members.invite').allowed)).toEqual(['owner', 'admin']);
    expect(ROLES.filter((r) => decideAction(r, 'comments.add').allowed)).toEqual(['owner', 'admin', 'editor', 'approver']);
    expect(decideAction('viewer', 'comments.add').reason).toBe('Your role (viewer) cannot do this in the workspace (comments.add).');
  });

  it('lets owners invite anyone, admins anyone but an owner, and nobody else invite', () => {
    const matrix = ROLES.map((inviter) => ROLES.filter((invitee) => canInvite(inviter, invitee)));
    expect(matrix).toEqual([['owner', 'admin', 'editor', 'approver', 'viewer'], ['admin', 'editor', 'approver', 'viewer'], [], [], []]);
  });
});
