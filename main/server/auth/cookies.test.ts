// The session cookie's attributes and reading it back from a request.

import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readSessionCookie, sessionCookie } from './cookies';

const token = 'A'.repeat(43);

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, and behind HTTPS Secure with the __Host- prefix', () => {
    const expires = new Date(Date.now() + 3_600_000);
    const secure = sessionCookie(token, expires, { secure: true });
    const parts = secure.split('; ');
    expect(parts[0]).toBe(`__Host-kairos_session=${token}`);
    expect(parts).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure', `Expires=${expires.toUTCString()}`]));
    expect(parts.find((p) => p.startsWith('Max-Age='))).toMatch(/^Max-Age=(3599|3600)$/);
    expect(secure).not.toMatch(/Domain=/);
    const plain = sessionCookie(token, expires, { secure: false });
    expect(plain.startsWith(`kairos_session=${token}; `)).toBe(true);
    expect(plain.split('; ')).not.toContain('Secure');
    expect(plain.split('; ')).toContain('HttpOnly');
  });

  it('is removed with Max-Age=0 under the same name and path', () => {
    expect(clearedSessionCookie({ secure: true })).toBe(
      '__Host-kairos_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    );
  });

  it('is read back from a Cookie header by its own name only, and only when it looks like a token', () => {
    const header = `theme=dark; kairos_session=${'B'.repeat(43)}; __Host-kairos_session=${token}`;
    expect(readSessionCookie(header, { secure: true })).toBe(token);
    expect(readSessionCookie(header, { secure: false })).toBe('B'.repeat(43));
    expect(readSessionCookie('__Host-kairos_session=short', { secure: true })).toBeNull();
    expect(readSessionCookie('__Host-kairos_session=a;b', { secure: true })).toBeNull();
    expect(readSessionCookie(undefined, { secure: true })).toBeNull();
    expect(() => sessionCookie('bad token;', new Date(), { secure: true })).toThrow('A session token must be base64url.');
  });
});
