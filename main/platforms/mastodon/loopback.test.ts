// The sign-in callback pages a browser gets when the answer cannot be used: connected already, stopped, or not ours.

import { describe, expect, it } from 'vitest';
import { problem } from '../../../shared/contract/problems';
import { type CallbackQuery, pageForUnexpectedCallback } from './loopback';

const answer = (state: string | null): CallbackQuery => ({ code: 'c0de', state, error: null, errorDescription: null });

describe('sign-in callbacks Kairos cannot take', () => {
  it('lets through only the answer to the sign-in that is waiting', () => {
    expect(pageForUnexpectedCallback({ status: 'waiting', state: 's1', problem: null }, answer('s1'))).toBeNull();
  });

  it('turns away an answer with another state, so a forged redirect cannot connect an account', () => {
    expect(pageForUnexpectedCallback({ status: 'waiting', state: 's1', problem: null }, answer('s2'))).toMatchObject({
      status: 400,
      title: 'Unexpected sign-in',
    });
    expect(pageForUnexpectedCallback({ status: 'waiting', state: 's1', problem: null }, answer(null))).toMatchObject({ status: 400 });
  });

  it('says an account is already connected, and a stopped sign-in is over for good with its reason', () => {
    expect(pageForUnexpectedCallback({ status: 'connected', state: 's1', problem: null }, answer('s1'))).toMatchObject({
      status: 200,
      title: 'Connected',
    });
    expect(
      pageForUnexpectedCallback(
        { status: 'failed', state: 's1', problem: problem('platform_said', { reason: 'The code ran out.' }) },
        answer('s1'),
      ),
    ).toEqual({
      status: 410,
      title: 'Sign-in stopped',
      message: 'The code ran out.',
      final: true,
    });
  });
});
