// What the Workspace section and banner decide: the connect form's own checks, which banner to show, which notes are new.

import type { ErrorInfo, WorkspaceNote, WorkspaceStatus } from '../../../../shared/contract';

export const NOT_CONNECTED: WorkspaceStatus = { state: 'none', url: null, user: null, online: false, pending: 0, notes: [] };

export interface ConnectForm {
  readonly url: string;
  readonly email: string;
  readonly password: string;
}
export type ConnectField = keyof ConnectForm;
export type ConnectErrors = Partial<Record<ConnectField, string>>;

export interface ConnectWords {
  readonly required: Readonly<Record<ConnectField, string>>;
  readonly urlLooksWrong: string;
}

/** The address as the backend will use it (https:// when none is typed), or null when it cannot be one. */
export function workspaceAddress(typed: string): string | null {
  const text = typed.trim();
  if (text === '' || /\s/.test(text)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

/** What the form can tell before asking the workspace; empty when it may be sent. */
export function checkConnectForm(form: ConnectForm, words: ConnectWords): ConnectErrors {
  const errors: ConnectErrors = {};
  if (form.url.trim() === '') errors.url = words.required.url;
  else if (workspaceAddress(form.url) === null) errors.url = words.urlLooksWrong;
  if (form.email.trim() === '') errors.email = words.required.email;
  if (form.password === '') errors.password = words.required.password;
  return errors;
}

/** The field a refused sign-in is about (a wrong password, an address that is not a workspace), else null. */
export function fieldOf(error: ErrorInfo): ConnectField | null {
  return error.field === 'url' || error.field === 'email' || error.field === 'password' ? error.field : null;
}

export type WorkspaceBannerState =
  | { readonly kind: 'offline'; readonly pending: number }
  | { readonly kind: 'signed_out'; readonly pending: number }
  | null;

/** Offline or signed out is worth a banner while connected; being fine, or not connected at all, is not. */
export function bannerFor(status: WorkspaceStatus): WorkspaceBannerState {
  if (status.state === 'signed_out') return { kind: 'signed_out', pending: status.pending };
  if (status.state === 'connected' && !status.online) return { kind: 'offline', pending: status.pending };
  return null;
}

/** The notes newer than the newest one the person dismissed (notes come newest first). */
export function unseenNotes(status: WorkspaceStatus, dismissedId: string | null): readonly WorkspaceNote[] {
  if (dismissedId === null) return status.notes;
  const at = status.notes.findIndex((n) => n.id === dismissedId);
  return at < 0 ? status.notes : status.notes.slice(0, at);
}
