// What the tray menu contains, kept free of Electron so features can add sections and tests can read the result.

import { wallTimeOf } from '../../shared/time/wallTime';

export interface TrayItem {
  readonly label: string;
  readonly run: () => void;
  readonly enabled?: boolean;
}

/** A group of related items; groups are separated by a line, and an empty group disappears. */
export type TraySection = readonly TrayItem[];

export type TrayEntry = { readonly kind: 'item'; readonly item: TrayItem } | { readonly kind: 'separator' };

export interface CoreTrayActions {
  readonly openWindow: () => void;
  readonly quit: () => void;
}

/**
 * "Open Kairos" first and "Quit" last, with feature sections (quick post, pause publishing, …) in between.
 * Each feature passes a function so its section reflects current state every time the menu is rebuilt.
 */
export function kairosTraySections(actions: CoreTrayActions, features: readonly (() => TraySection)[] = []): TraySection[] {
  return [
    [{ label: 'Open Kairos', run: actions.openWindow }],
    ...features.map((section) => section()),
    [{ label: 'Quit', run: actions.quit }],
  ];
}

export function layoutTrayMenu(sections: readonly TraySection[]): TrayEntry[] {
  const entries: TrayEntry[] = [];
  for (const section of sections) {
    if (section.length === 0) continue;
    if (entries.length > 0) entries.push({ kind: 'separator' });
    for (const item of section) entries.push({ kind: 'item', item });
  }
  return entries;
}

/** What the tray shows about publishing; loaded from the backend, see trayStatus.ts. */
export interface TrayStatus {
  /** UTC ms of the next scheduled post, or null when nothing is scheduled. */
  readonly nextPostAt: number | null;
  /** The zone to show times in (the app's time zone setting). */
  readonly timeZone: string;
  /** Posts that need a person: failed, unconfirmed, missed or held. */
  readonly attention: number;
  /** null when this build cannot pause publishing. */
  readonly paused: boolean | null;
  readonly offline: boolean;
  readonly waitingForNetwork: number;
}

export interface DesktopTrayActions {
  readonly openWindow: () => void;
  readonly quickPost: () => void;
  readonly pause: () => void;
  readonly resume: () => void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Status lines: shown greyed out, except the attention line, which opens the window where those posts are. */
export function statusSection(status: TrayStatus, now: number, actions: DesktopTrayActions): TraySection {
  const items: TrayItem[] = [
    {
      label: status.nextPostAt === null ? 'No posts scheduled' : `Next post: ${describeWhen(status.nextPostAt, now, status.timeZone)}`,
      run: () => {},
      enabled: false,
    },
  ];
  if (status.attention > 0) {
    items.push({ label: `${plural(status.attention, 'post needs', 'posts need')} attention`, run: actions.openWindow });
  }
  if (status.offline) {
    items.push({ label: `Offline: ${plural(status.waitingForNetwork, 'post', 'posts')} waiting`, run: () => {}, enabled: false });
  }
  if (status.paused) items.push({ label: 'Publishing is paused', run: () => {}, enabled: false });
  return items;
}

export function quickPostSection(actions: DesktopTrayActions): TraySection {
  return [{ label: 'Quick post…', run: actions.quickPost }];
}

export function publishingSection(status: TrayStatus, actions: DesktopTrayActions): TraySection {
  if (status.paused === null) return [];
  return [status.paused ? { label: 'Resume publishing', run: actions.resume } : { label: 'Pause publishing', run: actions.pause }];
}

/** The feature sections of the desktop tray, in menu order, for kairosTraySections. */
export function desktopTraySections(status: () => TrayStatus, now: () => number, actions: DesktopTrayActions): (() => TraySection)[] {
  return [() => statusSection(status(), now(), actions), () => quickPostSection(actions), () => publishingSection(status(), actions)];
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** "today 09:00", "tomorrow 09:00", "Wed 09:00" within a week, else "12 Jun 09:00": wall time in the given zone. */
export function describeWhen(at: number, now: number, timeZone: string): string {
  const when = wallTimeOf(at, timeZone);
  const today = wallTimeOf(now, timeZone);
  const days = Math.round((Date.parse(`${when.date}T00:00Z`) - Date.parse(`${today.date}T00:00Z`)) / DAY_MS);
  const [, month, day] = when.date.split('-').map(Number) as [number, number, number];
  if (days === 0) return `today ${when.time}`;
  if (days === 1) return `tomorrow ${when.time}`;
  if (days > 1 && days < 7) {
    const weekday = (new Date(`${when.date}T00:00Z`).getUTCDay() + 6) % 7;
    return `${WEEKDAY_NAMES[weekday]} ${when.time}`;
  }
  return `${day} ${MONTH_NAMES[month - 1]} ${when.time}`;
}
