// Helpers for the quick-post, offline and drafts specs: opening #/quick-post, pasting an image, wall times, dragging.

import { expect, type Locator, type Page } from '@playwright/test';

/** A 16 × 16 red PNG, small enough to paste and real enough for the media store to read. */
export const RED_SQUARE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAGElEQVR4nGO4IydHEmIY1SA3quHOcNUAAJozGBDUA/nbAAAAAElFTkSuQmCC';

/** Goes to the quick-post page the way the desktop shell's window does: the #/quick-post route. */
export async function openQuickPost(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.location.hash = '#/quick-post';
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Quick post' })).toBeVisible();
}

/** Pastes a PNG into a field as the clipboard would deliver it: a paste event carrying a file. */
export async function pastePng(field: Locator, base64: string, fileName = 'pasted.png'): Promise<void> {
  await field.focus();
  await field.evaluate(
    (el, { data, name }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { data: base64, name: fileName },
  );
}

/** Drags with the mouse in small steps (the app's drag starts after a few pixels), then drops on the target's middle. */
export async function dragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('The draft or the day to drop it on is not on screen.');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await expect(target).toHaveClass(/is-drop-target/);
  await page.mouse.up();
}

// ---- wall clocks, computed here with Intl only, independently of the app's own time code ------------------------

export interface Wall {
  readonly date: string;
  readonly time: string;
}

/** The wall date and HH:mm of an instant in a zone. */
export function wallIn(instant: number, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The instant a wall time names in a zone, for times that exist exactly once (the specs avoid DST changeover hours). */
export function instantOfWallIn(date: string, time: string, timeZone: string): number {
  const asUtc = Date.parse(`${date}T${time}:00.000Z`);
  let guess = asUtc;
  // Two corrections settle on the zone's offset at that instant.
  for (let i = 0; i < 2; i++) {
    const seen = wallIn(guess, timeZone);
    guess += asUtc - Date.parse(`${seen.date}T${seen.time}:00.000Z`);
  }
  const check = wallIn(guess, timeZone);
  if (check.date !== date || check.time !== time) throw new Error(`${date} ${time} does not exist once in ${timeZone}.`);
  return guess;
}

export function addDaysTo(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time of day the way the English screens write it: "7:30 PM". */
export function englishTime(time: string): string {
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}:${String(mi).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** A wall time the way the English screens write a date and time: "Tue, Jun 2, 2026 at 7:30 PM". */
export function englishDateTime({ date, time }: Wall): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday}, ${MONTHS[m - 1]} ${d}, ${y} at ${englishTime(time)}`;
}
