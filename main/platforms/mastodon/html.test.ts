// Status HTML to plain text on hostile input: huge unclosed tags and entities outside Unicode.

import { describe, expect, it } from 'vitest';
import { htmlToText } from './html';

describe('htmlToText on hostile input', () => {
  it('does not throw on code points outside Unicode', () => {
    expect(htmlToText('<p>a &#x110000; b &#1114112; c</p>')).toBe('a \ufffd b \ufffd c');
  });

  // A regular expression per tag went quadratic on this; the timeout is the failure.
  it('reads 900 KB of unclosed tags in one pass', { timeout: 20_000 }, () => {
    expect(htmlToText(`<p>start</p>${'<br '.repeat(225_000)}`)).toBe('start');
    expect(htmlToText(`x${'<p '.repeat(300_000)}`)).toBe('x');
  });

  it('keeps paragraphs, line breaks and link text as before', () => {
    expect(htmlToText('<p>one<br>two</p>\n<p>three &amp; <a href="x"><span class="invisible">https://</span>e.x</a></p>')).toBe(
      'one\ntwo\n\nthree & https://e.x',
    );
  });
});
