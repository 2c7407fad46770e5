// Tests for the Electron shell's security decisions: which URLs, files, senders and links are allowed.

import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_START_URL,
  CONTENT_SECURITY_POLICY,
  chooseDataDir,
  contentTypeFor,
  dataDirFlag,
  isAppUrl,
  isExternalLinkAllowed,
  isTrustedSender,
  rendererFileFor,
} from './policy';

const root = resolve('/srv/kairos/dist/renderer');

describe('isAppUrl', () => {
  it('accepts pages of the app protocol', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://kairos/index.html?view=week#today')).toBe(true);
  });

  it.each([
    'app://other/index.html',
    'app://kairos.evil.example/',
    'app://user:pw@kairos/',
    'https://kairos/',
    'file:///srv/kairos/dist/renderer/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('rendererFileFor', () => {
  it('maps the root and client-side routes to index.html', () => {
    expect(rendererFileFor(root, 'app://kairos/')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://kairos/calendar/week')).toBe(join(root, 'index.html'));
  });

  it('maps assets to files under the renderer folder', () => {
    expect(rendererFileFor(root, 'app://kairos/assets/index-3f2a.js')).toBe(join(root, 'assets', 'index-3f2a.js'));
    expect(rendererFileFor(root, 'app://kairos/assets/my%20font.woff2?v=2')).toBe(join(root, 'assets', 'my font.woff2'));
  });

  it.each([
    'app://kairos/assets/..%2f..%2fmain%2fpreload.cjs',
    'app://kairos/assets/..%5c..%5csecrets.key',
    'app://kairos/C:%5cWindows%5cwin.ini',
    'app://kairos/assets/%00.js',
    'app://kairos/assets/%E0%A4%A.js',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(root, url)).toBeNull();
  });

  it.each(['app://kairos/../../x.js', 'app://kairos/%2e%2e/%2e%2e/x.js', 'app://kairos/assets/.%2E/.%2e/x.js'])(
    'keeps %s inside the folder, because URL parsing resolves its dot-segments first',
    (url) => {
      const file = rendererFileFor(root, url);
      expect(file).toBe(join(root, 'x.js'));
      expect(file?.startsWith(root + sep)).toBe(true);
    },
  );

  it('refuses requests for other schemes and hosts', () => {
    expect(rendererFileFor(root, 'file:///etc/passwd')).toBeNull();
    expect(rendererFileFor(root, 'app://elsewhere/index.html')).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const ours = new Set([7]);

  it('accepts the top frame of our window showing our page', () => {
    expect(isTrustedSender({ senderId: 7, frameUrl: 'app://kairos/', isMainFrame: true }, ours)).toBe(true);
  });

  it('refuses other windows, sub-frames and foreign pages', () => {
    expect(isTrustedSender({ senderId: 8, frameUrl: 'app://kairos/', isMainFrame: true }, ours)).toBe(false);
    expect(isTrustedSender({ senderId: 7, frameUrl: 'app://kairos/', isMainFrame: false }, ours)).toBe(false);
    expect(isTrustedSender({ senderId: 7, frameUrl: 'https://example.com/', isMainFrame: true }, ours)).toBe(false);
    expect(isTrustedSender({ senderId: 7, frameUrl: '', isMainFrame: true }, ours)).toBe(false);
    expect(isTrustedSender({ senderId: 7, frameUrl: 'app://kairos/', isMainFrame: true }, new Set())).toBe(false);
  });
});

describe('isExternalLinkAllowed', () => {
  it('allows web pages', () => {
    expect(isExternalLinkAllowed('https://mastodon.social/@kairos')).toBe(true);
    expect(isExternalLinkAllowed('http://example.com/help')).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'app://kairos/',
    'data:text/html,hi',
    'https://bank.example@evil.example/',
    'mailto:someone@example.com',
    '',
  ])('refuses %s', (url) => {
    expect(isExternalLinkAllowed(url)).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts only from the app itself and no network beyond it', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('connect-src')).toBe("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build produces', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/assets/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/assets/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('data folder choice', () => {
  it('reads --data-dir in both spellings', () => {
    expect(dataDirFlag(['electron', '.', '--data-dir=/tmp/a'])).toBe('/tmp/a');
    expect(dataDirFlag(['electron', '.', '--data-dir', '/tmp/b'])).toBe('/tmp/b');
    expect(dataDirFlag(['electron', '.', '--data-dir', '--inspect'])).toBeUndefined();
    expect(dataDirFlag(['electron', '.'])).toBeUndefined();
  });

  it('prefers the flag, then KAIROS_DATA_DIR, then userData', () => {
    expect(chooseDataDir('/flag', { KAIROS_DATA_DIR: '/env' }, '/user')).toBe(resolve('/flag'));
    expect(chooseDataDir(undefined, { KAIROS_DATA_DIR: '/env' }, '/user')).toBe(resolve('/env'));
    expect(chooseDataDir(undefined, {}, '/user')).toBe('/user');
    expect(chooseDataDir(undefined, { KAIROS_DATA_DIR: '' }, '/user')).toBe('/user');
  });
});
