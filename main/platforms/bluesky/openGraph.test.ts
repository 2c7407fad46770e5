// OpenGraph parsing from raw HTML: attribute forms, entities, fallbacks, and what must be ignored.

import { describe, expect, it } from 'vitest';
import { parseOpenGraph } from './openGraph';

describe('parseOpenGraph', () => {
  it('reads og: tags in any attribute order and quoting, resolving the image against the page', () => {
    const html = `<html><head>
      <meta content='Caf&eacute; &amp; Bar &#8212; &#x1F370;' property="og:title" >
      <meta property=og:description content="Line one
         line two">
      <META PROPERTY="og:image" CONTENT="../img/card.jpg"/>
    </head><body><meta property="og:title" content="Not this"></body></html>`;
    expect(parseOpenGraph(html, 'https://example.com/blog/post/')).toEqual({
      title: 'Café & Bar — 🍰',
      description: 'Line one line two',
      imageUrl: 'https://example.com/blog/img/card.jpg',
    });
  });

  it('falls back to Twitter tags, then to <title> and the description meta tag', () => {
    expect(
      parseOpenGraph(
        '<head><meta name="twitter:title" content="T"><meta name="twitter:image" content="https://cdn.example/x.png"></head>',
        'https://e.x/',
      ),
    ).toEqual({
      title: 'T',
      description: '',
      imageUrl: 'https://cdn.example/x.png',
    });
    expect(
      parseOpenGraph('<head><title> Plain  title </title><meta name="description" content="About us"></head>', 'https://e.x/'),
    ).toEqual({
      title: 'Plain title',
      description: 'About us',
      imageUrl: null,
    });
  });

  it('ignores tags inside comments and scripts, and images that are not http(s)', () => {
    const html = `<head><!-- <meta property="og:title" content="commented"> -->
      <script>document.write('<meta property="og:title" content="scripted">')</script>
      <meta property="og:title" content="Real"><meta property="og:image" content="javascript:alert(1)"></head>`;
    expect(parseOpenGraph(html, 'https://e.x/')).toEqual({ title: 'Real', description: '', imageUrl: null });
  });

  it('shortens very long titles and descriptions', () => {
    const card = parseOpenGraph(
      `<head><meta property="og:title" content="${'word '.repeat(100)}"><meta property="og:description" content="${'x'.repeat(1500)}"></head>`,
      'https://e.x/',
    );
    expect([...card.title].length).toBeLessThanOrEqual(300);
    expect(card.title.endsWith('…')).toBe(true);
    expect([...card.description].length).toBe(1000);
  });
});

describe('hostile pages', () => {
  // The old regular expressions took minutes on this; a parser reads it in one pass. The timeout is the failure.
  it('reads 900 KB of unclosed <meta tags in one pass', { timeout: 20_000 }, () => {
    const html = `<head>${'<meta '.repeat(150_000)}`;
    expect(parseOpenGraph(html, 'https://e.x/')).toEqual({ title: '', description: '', imageUrl: null });
  });

  it('reads 900 KB of unclosed <title and attribute quotes in one pass', { timeout: 20_000 }, () => {
    expect(parseOpenGraph(`<head><title>${'<title '.repeat(130_000)}`, 'https://e.x/').title.length).toBeLessThanOrEqual(300);
    expect(parseOpenGraph(`<head>${'<meta content="a '.repeat(60_000)}`, 'https://e.x/').imageUrl).toBeNull();
  });

  it('decodes entities outside Unicode, and unknown ones, without throwing', () => {
    const html = '<head><meta property="og:title" content="A &#x110000; B &#99999999999; &nope; &#0;"><title>&#x110000;</title></head>';
    const card = parseOpenGraph(html, 'https://e.x/');
    expect(card.title).toBe('A \ufffd B \ufffd &nope; \ufffd');
    expect(parseOpenGraph('<head><title>x &#x110000; y</title></head>', 'https://e.x/').title).toBe('x \ufffd y');
  });
});
