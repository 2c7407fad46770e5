// Who may do what in a workspace: the five roles, the level each contract channel needs, and the workspace's own
// actions (approvals, comments, members), which have no contract channel yet. Pure: no database, no I/O.

import type { Channel } from '../../../shared/contract';

export const ROLES = ['owner', 'admin', 'editor', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * What a channel needs. read: see the calendar, posts, analytics and status. edit: write posts and their content,
 * decide on held and missed posts, pause publishing. admin: connect and configure accounts and workspace settings.
 * owner: export a secret key. unavailable: the channel belongs to one machine (its files, its dialogs, its SQLite
 * backups, its preferences) and the workspace server answers it for nobody.
 */
export type Access = 'read' | 'edit' | 'admin' | 'owner' | 'unavailable';

/** Every contract channel's level. A channel added to the contract must be given one here (tsc and the test check). */
export const CHANNEL_ACCESS: Readonly<Record<Channel, Access>> = {
  'app.info': 'read',
  'settings.get': 'read',
  'settings.set': 'admin',
  'scheduler.status': 'read',
  'accounts.list': 'read',
  'accounts.connect': 'admin',
  'accounts.remove': 'admin',
  'accounts.rename': 'admin',
  'accounts.reconnect': 'admin',
  'posts.create': 'edit',
  'posts.update': 'edit',
  'posts.reschedule': 'edit',
  'posts.cancel': 'edit',
  'posts.delete': 'edit',
  'posts.get': 'read',
  'posts.list': 'read',
  'posts.summaries': 'read',
  'posts.validate': 'read',
  'media.add': 'edit',
  'media.preview': 'read',
  'engine.status': 'read',
  // The crisis brake: anyone who writes posts may stop publishing, and start it again.
  'engine.pause': 'edit',
  'engine.resume': 'edit',
  'engine.pauseAccount': 'edit',
  'engine.resumeAccount': 'edit',
  'engine.review': 'read',
  'engine.decide': 'edit',
  'engine.hold': 'edit',
  // A browser tab's online/offline signal is about that machine; the server watches its own network.
  'engine.networkChanged': 'unavailable',
  'engine.recurring.list': 'read',
  'engine.recurring.create': 'edit',
  'engine.recurring.update': 'edit',
  'engine.recurring.preview': 'read',
  // SQLite backups of one machine's data folder; a workspace is backed up with pg_dump.
  'database.backups': 'unavailable',
  'database.backupNow': 'unavailable',
  'database.restoreBackup': 'unavailable',
  'mastodon.inspectInstance': 'admin',
  'mastodon.beginOAuth': 'admin',
  'mastodon.completeOAuth': 'admin',
  'mastodon.oauthStatus': 'admin',
  'mastodon.cancelOAuth': 'admin',
  'mastodon.handoffSettings': 'read',
  'mastodon.setHandoff': 'admin',
  'mastodon.syncHandoff': 'edit',
  'mastodon.handoffOfPost': 'read',
  'mastodon.pullBack': 'edit',
  'mastodon.trends': 'read',
  'mastodon.tagTimeline': 'read',
  'mastodon.mentions': 'read',
  'mastodon.metrics': 'read',
  'bluesky.linkCard': 'edit',
  'bluesky.checkMentions': 'read',
  'conversation.forSelection': 'read',
  'conversation.refresh': 'read',
  'conversation.alerts': 'read',
  'conversation.dismissAlert': 'edit',
  'conversation.preflightDecide': 'edit',
  'conversation.preflightSkip': 'edit',
  'conversation.settings.get': 'read',
  'conversation.settings.set': 'admin',
  'conversation.countries': 'read',
  'conversation.awareness.list': 'read',
  'conversation.awareness.add': 'edit',
  'conversation.awareness.remove': 'edit',
  'watchlist.list': 'read',
  'watchlist.add': 'edit',
  'watchlist.remove': 'edit',
  'calendar.observances': 'read',
  'app.connectivity': 'read',
  'app.connectivity.check': 'read',
  // The tray, the quick-post shortcut and opening at login are settings of one desktop.
  'app.preferences.get': 'unavailable',
  'app.preferences.set': 'unavailable',
  'queue.slots.get': 'read',
  'queue.slots.set': 'admin',
  'queue.nextSlot': 'read',
  'import.preview': 'edit',
  'import.commit': 'edit',
  'export.posts': 'read',
  'export.ics': 'read',
  // Feed links read the schedule without signing in: making and revoking them is an admin's call.
  'feeds.list': 'admin',
  'feeds.create': 'admin',
  'feeds.revoke': 'admin',
  'feeds.render': 'read',
  'evergreen.queues.list': 'read',
  'evergreen.queues.set': 'edit',
  'evergreen.queues.remove': 'edit',
  'evergreen.fill': 'edit',
  'followups.ofPost': 'read',
  'telegram.findChats': 'admin',
  // Shows an account's private key: only the owner.
  'nostr.exportKey': 'owner',
  'linkedin.beginOAuth': 'admin',
  'linkedin.reconnect': 'admin',
  'linkedin.oauthStatus': 'admin',
  'linkedin.cancelOAuth': 'admin',
  'x.beginOAuth': 'admin',
  'x.reconnect': 'admin',
  'x.oauthStatus': 'admin',
  'x.cancelOAuth': 'admin',
  'x.setPricing': 'admin',
  'analytics.view': 'read',
  'analytics.post': 'read',
  'metrics.refresh': 'edit',
  'reports.export': 'read',
  'reports.schedules.list': 'read',
  // Scheduled reports are written to a folder on the machine running the backend: the server's disk.
  'reports.schedules.add': 'admin',
  'reports.schedules.remove': 'admin',
  // A file dialog, and a file read by its path: one machine's.
  'media.pick': 'unavailable',
  'media.addFile': 'unavailable',
  // Which workspace a desktop is connected to is that desktop's own business.
  'workspace.status': 'unavailable',
  'workspace.connect': 'unavailable',
  'workspace.disconnect': 'unavailable',
  'workspace.review': 'unavailable',
};

const LEVELS_OF: Readonly<Record<Role, ReadonlySet<Access>>> = {
  owner: new Set(['read', 'edit', 'admin', 'owner']),
  admin: new Set(['read', 'edit', 'admin']),
  editor: new Set(['read', 'edit']),
  // Approvers see everything and decide on posts (workspace actions below); they do not write posts.
  approver: new Set(['read']),
  viewer: new Set(['read']),
};

/** The workspace's own actions: not contract channels yet, decided here so every role has an answer now. */
export const WORKSPACE_ACTIONS = {
  'members.list': ['owner', 'admin', 'editor', 'approver', 'viewer'],
  'members.invite': ['owner', 'admin'],
  'members.setRole': ['owner', 'admin'],
  'members.deactivate': ['owner', 'admin'],
  'approvalRules.set': ['owner', 'admin'],
  'approvals.submit': ['owner', 'admin', 'editor'],
  'approvals.decide': ['owner', 'admin', 'approver'],
  'comments.add': ['owner', 'admin', 'editor', 'approver'],
  'comments.resolve': ['owner', 'admin', 'editor', 'approver'],
  'reviewLinks.create': ['owner', 'admin', 'editor'],
  'reviewLinks.revoke': ['owner', 'admin', 'editor'],
  'audit.read': ['owner', 'admin', 'editor', 'approver', 'viewer'],
  // Signing oneself out of every device.
  'sessions.signOutEverywhere': ['owner', 'admin', 'editor', 'approver', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;
export type WorkspaceAction = keyof typeof WORKSPACE_ACTIONS;

export interface Decision {
  readonly allowed: boolean;
  /** Why not, in words for the person asking; empty when allowed. */
  readonly reason: string;
}

const ALLOWED: Decision = { allowed: true, reason: '' };

const NEEDS: Readonly<Record<Exclude<Access, 'unavailable'>, string>> = {
  read: 'a member of the workspace',
  edit: 'an editor, admin or owner',
  admin: 'an admin or the owner',
  owner: 'the owner',
};

/** Whether a role may call a contract channel on the workspace server. */
export function decideChannel(role: Role, channel: Channel): Decision {
  const access = CHANNEL_ACCESS[channel];
  if (access === undefined) return { allowed: false, reason: `${channel} is not a channel of this workspace server.` };
  if (access === 'unavailable')
    return { allowed: false, reason: `${channel} belongs to the desktop app on one computer; the workspace server does not offer it.` };
  if (LEVELS_OF[role].has(access)) return ALLOWED;
  return { allowed: false, reason: `Only ${NEEDS[access]} can do this (${channel}); you are ${articled(role)} in this workspace.` };
}

export function decideAction(role: Role, action: WorkspaceAction): Decision {
  const roles: readonly Role[] = WORKSPACE_ACTIONS[action];
  if (roles.includes(role)) return ALLOWED;
  return { allowed: false, reason: `Your role (${role}) cannot do this in the workspace (${action}).` };
}

/** Who may invite whom: owners anyone, admins anyone but an owner; nobody else. */
export function canInvite(inviter: Role, invitee: Role): boolean {
  if (inviter === 'owner') return true;
  if (inviter === 'admin') return invitee !== 'owner';
  return false;
}

function articled(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}
