// The desktop app as a workspace client: which workspace this computer is connected to, signing in, signing out.
// Answered by the desktop's own backend (main/core/workspace), never by a workspace server.

import { z } from 'zod';
import type { Problem } from './problems';

/** api/review/… or api/notifications/…, each segment plain (ids are letters, digits, _ and -): no dots, no escapes. */
const REVIEW_PATH = /^api\/(?:review|notifications)(?:\/[A-Za-z0-9_-]+)*$/;

export const workspaceRequests = {
  /** Connected to which workspace, as whom, reachable or not, and how many changes wait on this computer. */
  'workspace.status': z.object({}).optional(),
  /** Signs in to a workspace server; from then on the window's calls go to it. */
  'workspace.connect': z.object({
    url: z.string().trim().min(1, 'Type the workspace address, such as https://kairos.example.org.').max(2000),
    email: z.string().trim().min(3, 'Type your email address.').max(320),
    password: z.string().min(1, 'Type your password.').max(256),
  }),
  /** Signs out and goes back to this computer's own data; changes still waiting are dropped. */
  'workspace.disconnect': z.object({}).optional(),
  /**
   * One call of the review panel and the notifications list to the connected workspace's own routes (a post's review,
   * comments, history, review links, approval rules; one's notifications), sent with the session this computer keeps.
   * Nothing else of the server is reachable this way: no sign-in, no session, no invitations, no contract call.
   */
  'workspace.review': z.object({
    path: z.string().max(300).regex(REVIEW_PATH, 'Only the workspace’s review and notification routes can be asked for this way.'),
    /** Sent as JSON with POST; without it the route is read with GET. */
    body: z.record(z.string(), z.unknown()).optional(),
  }),
} as const;

export const WORKSPACE_LINK_STATES = ['none', 'connected', 'signed_out'] as const;
export type WorkspaceLinkState = (typeof WORKSPACE_LINK_STATES)[number];

export interface WorkspaceMember {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
}

/** Something that happened to a change sent from this computer's outbox, for the person to read. */
export interface WorkspaceNote {
  readonly id: string;
  readonly at: number;
  readonly problem: Problem;
  /** The problem's English, for logs and the CLI. */
  readonly message: string;
}

export interface WorkspaceStatus {
  /** none: this computer's own data; connected: signed in; signed_out: the session ended, sign in again. */
  readonly state: WorkspaceLinkState;
  readonly url: string | null;
  /** Who is signed in (or was, when the session ended). */
  readonly user: WorkspaceMember | null;
  /** Whether the workspace answered the last time it was asked. */
  readonly online: boolean;
  /** Changes to posts kept on this computer until the workspace is reachable. */
  readonly pending: number;
  /** Conflicts and refusals of changes sent from the outbox, newest first. */
  readonly notes: readonly WorkspaceNote[];
}

/** The workspace route's own answer: its value, or its refusal (a code of the review routes and its English words). */
export type WorkspaceReviewAnswer =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface WorkspaceResponses {
  'workspace.status': WorkspaceStatus;
  'workspace.connect': WorkspaceStatus;
  'workspace.disconnect': WorkspaceStatus;
  'workspace.review': WorkspaceReviewAnswer;
}
