// The session cookie the workspace server sets: HttpOnly (scripts never see it), Secure behind HTTPS, SameSite=Lax
// (sent on top-level navigation, not on cross-site posts), for the whole site, with the session's expiry.

export interface CookieOptions {
  /**
   * True behind HTTPS (the reverse proxy's), which also gives the cookie the __Host- prefix: no Domain, Path=/, Secure.
   * False only for plain-HTTP loopback use.
   */
  readonly secure: boolean;
}

export function sessionCookieName(options: CookieOptions): string {
  return options.secure ? '__Host-kairos_session' : 'kairos_session';
}

/** The Set-Cookie value that opens a session. */
export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('A session token must be base64url.');
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${sessionCookieName(options)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    `Expires=${expiresAt.toUTCString()}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The Set-Cookie value that removes it (sign-out). */
export function clearedSessionCookie(options: CookieOptions): string {
  return [
    `${sessionCookieName(options)}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    'Max-Age=0',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The session token from a request's Cookie header, or null. */
export function readSessionCookie(header: string | undefined, options: CookieOptions): string | null {
  if (!header) return null;
  const name = sessionCookieName(options);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
  }
  return null;
}
