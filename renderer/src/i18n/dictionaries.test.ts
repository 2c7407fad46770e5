// Every language has every string: the Italian dictionary has the English one's shape, and its sentences are filled in.

import { describe, expect, it } from 'vitest';
import { en } from './en';
import { pickLanguage } from './index';
import { it as italian } from './it';

/** Every key path and the kind of value at it (string, function, number, array length). */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}: function/${value.length}`];
  if (Array.isArray(value)) return [`${path}: array/${value.length}`, ...value.flatMap((v, i) => shape(v, `${path}[${i}]`))];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  return [`${path}: ${typeof value}`];
}

describe('dictionaries', () => {
  it('Italian has exactly the English keys, with the same kind of value at each', () => {
    expect(shape(italian)).toEqual(shape(en));
  });

  it('no Italian string is left empty or in English where it should not be', () => {
    const texts = shape(italian).filter((line) => line.endsWith(': string'));
    expect(texts.length).toBeGreaterThan(300);
    const flat = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(flat) : []);
    expect(flat(italian).filter((s) => s.trim() === '')).toEqual([]);
    expect(italian.nav.calendar).toBe('Calendario');
    expect(italian.composer.counter('Brand', 12345, 50000, 'it')).toBe('Brand: 12.345 / 50.000');
  });

  it('the language follows the setting, or the system when the setting says so', () => {
    expect(pickLanguage('it', ['en-US'])).toBe('it');
    expect(pickLanguage('system', ['it-IT', 'en'])).toBe('it');
    expect(pickLanguage('system', ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLanguage('system', ['fr'])).toBe('en');
  });
});
