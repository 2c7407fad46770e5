// The little text escaping: every reserved character survives LinkedIn's rendering; hashtags stay hashtags.

import { describe, expect, it } from 'vitest';
import { renderLittle } from '../../testing/linkedinFake';
import { escapeLittleText } from './little';

describe('escapeLittleText', () => {
  it('escapes each reserved character so the whole text is shown', () => {
    const text = 'Q3 (final) | {draft} @team [link] <tag> \\path *bold* _under_ ~strike~ C# #1';
    const escaped = escapeLittleText(text);
    expect(escaped).toBe(
      'Q3 \\(final\\) \\| \\{draft\\} \\@team \\[link\\] \\<tag\\> \\\\path \\*bold\\* \\_under\\_ \\~strike\\~ C\\# \\#1',
    );
    expect(renderLittle(escaped)).toBe(text);
    // Unescaped, LinkedIn cuts the post at the first reserved character: the bug this prevents.
    expect(renderLittle(text)).toBe('Q3 ');
  });

  it('keeps a # that starts a hashtag, so #launch is a hashtag on LinkedIn as in the preview', () => {
    expect(escapeLittleText('Big day #launch #Über_alles')).toBe('Big day #launch #Über\\_alles');
    expect(renderLittle(escapeLittleText('Big day #launch'))).toBe('Big day #launch');
  });

  it('leaves text without reserved characters alone, emoji and accents included', () => {
    expect(escapeLittleText('Ciao, è già qui! 🎉 https://example.org/a?b=c')).toBe('Ciao, è già qui! 🎉 https://example.org/a?b=c');
  });
});
