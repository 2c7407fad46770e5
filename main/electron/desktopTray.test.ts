// Tests for the desktop tray sections, the quit question, launch flags, messages and the Linux autostart entry.

import { describe, expect, it } from 'vitest';
import type { PostView, TargetStatus } from '../../shared/domain';
import { autostartDesktopEntry, BACKGROUND_FLAG, hasFlag, QUICK_POST_FLAG, quitQuestion, shortcutRefusedMessage } from './desktopRules';
import {
  type DesktopTrayActions,
  describeWhen,
  desktopTraySections,
  kairosTraySections,
  layoutTrayMenu,
  type TrayEntry,
  type TrayStatus,
} from './trayMenu';

// Monday 2026-06-01 10:00 in Rome.
const NOW = Date.UTC(2026, 5, 1, 8, 0);
const labels = (entries: readonly TrayEntry[]) =>
  entries.map((e) => (e.kind === 'separator' ? '---' : `${e.item.label}${e.item.enabled === false ? ' (disabled)' : ''}`));

const status = (change: Partial<TrayStatus> = {}): TrayStatus => ({
  nextPostAt: Date.UTC(2026, 5, 1, 10, 30),
  timeZone: 'Europe/Rome',
  attention: 0,
  paused: false,
  offline: false,
  waitingForNetwork: 0,
  ...change,
});

function actions(): DesktopTrayActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    openWindow: () => calls.push('open'),
    quickPost: () => calls.push('quick'),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
  };
}

function menu(s: TrayStatus, a = actions()): TrayEntry[] {
  return layoutTrayMenu(
    kairosTraySections(
      { openWindow: a.openWindow, quit: () => {} },
      desktopTraySections(
        () => s,
        () => NOW,
        a,
      ),
    ),
  );
}

describe('desktop tray menu', () => {
  it('shows the next post, quick post and pause between Open Kairos and Quit', () => {
    expect(labels(menu(status()))).toEqual([
      'Open Kairos',
      '---',
      'Next post: today 12:30 (disabled)',
      '---',
      'Quick post…',
      '---',
      'Pause publishing',
      '---',
      'Quit',
    ]);
  });

  it('adds what needs attention, the offline count and the paused state, and offers Resume', () => {
    const entries = menu(status({ nextPostAt: null, attention: 3, offline: true, waitingForNetwork: 1, paused: true }));
    expect(labels(entries)).toEqual([
      'Open Kairos',
      '---',
      'No posts scheduled (disabled)',
      '3 posts need attention',
      'Offline: 1 post waiting (disabled)',
      'Publishing is paused (disabled)',
      '---',
      'Quick post…',
      '---',
      'Resume publishing',
      '---',
      'Quit',
    ]);
    expect(labels(menu(status({ attention: 1 })))).toContain('1 post needs attention');
  });

  it('leaves pausing out when the build cannot pause', () => {
    expect(labels(menu(status({ paused: null })))).not.toContain('Pause publishing');
  });

  it('runs the action each item names', () => {
    const a = actions();
    const click = (s: TrayStatus, label: string) => {
      const entry = menu(s, a).find((e) => e.kind === 'item' && e.item.label === label);
      if (entry?.kind !== 'item') throw new Error(`${label} is missing`);
      entry.item.run();
    };
    click(status(), 'Quick post…');
    click(status(), 'Pause publishing');
    click(status({ paused: true }), 'Resume publishing');
    click(status({ attention: 2 }), '2 posts need attention');
    expect(a.calls).toEqual(['quick', 'pause', 'resume', 'open']);
  });
});

describe('describeWhen', () => {
  it('says today, tomorrow, a weekday within the week, or a date, in the given zone', () => {
    expect(describeWhen(Date.UTC(2026, 5, 1, 21, 59), NOW, 'Europe/Rome')).toBe('today 23:59');
    // 22:00Z is already Tuesday in Rome, still Monday in New York.
    expect(describeWhen(Date.UTC(2026, 5, 1, 22, 0), NOW, 'Europe/Rome')).toBe('tomorrow 00:00');
    expect(describeWhen(Date.UTC(2026, 5, 1, 22, 0), NOW, 'America/New_York')).toBe('today 18:00');
    expect(describeWhen(Date.UTC(2026, 5, 3, 7, 0), NOW, 'Europe/Rome')).toBe('Wed 09:00');
    expect(describeWhen(Date.UTC(2026, 5, 12, 7, 0), NOW, 'Europe/Rome')).toBe('12 Jun 09:00');
  });
});

function post(scheduledAt: number | null, statuses: TargetStatus[]): PostView {
  return {
    id: `post_${scheduledAt}`,
    text: 'x',
    timeZone: 'Europe/Rome',
    scheduledAt,
    status: statuses[0] ?? 'draft',
    labels: [],
    options: {},
    parts: [],
    media: [],
    targets: statuses.map((s, i) => ({
      id: `t${i}`,
      accountId: `a${i}`,
      status: s,
      textOverride: null,
      attempts: 0,
      nextAttemptAt: null,
      remoteId: null,
      remoteUrl: null,
      lastError: null,
      publishedAt: null,
      partsPublished: 0,
    })),
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('quitQuestion', () => {
  it('asks when a post is due in the next 15 minutes or already due and waiting', () => {
    expect(quitQuestion([post(NOW + 15 * 60_000, ['scheduled'])], NOW)?.message).toBe('A post is due in the next 15 minutes.');
    expect(quitQuestion([post(NOW - 5 * 60_000, ['retrying']), post(NOW + 60_000, ['published', 'scheduled'])], NOW)).toEqual({
      message: '2 posts are due in the next 15 minutes.',
      detail:
        'If Kairos quits now, they will not go out until it runs again. Closing the window instead keeps Kairos publishing from the tray.',
      buttons: ['Keep Kairos running', 'Quit anyway'],
    });
  });

  it('does not ask for posts later, finished, or unscheduled', () => {
    expect(
      quitQuestion(
        [post(NOW + 15 * 60_000 + 1, ['scheduled']), post(NOW + 60_000, ['published']), post(NOW, ['cancelled']), post(null, ['draft'])],
        NOW,
      ),
    ).toBeNull();
  });
});

describe('launch flags and messages', () => {
  it('finds the quick-post and background flags', () => {
    expect(hasFlag(['/opt/Kairos/kairos', QUICK_POST_FLAG], QUICK_POST_FLAG)).toBe(true);
    expect(hasFlag(['/opt/Kairos/kairos', '--data-dir=/x'], BACKGROUND_FLAG)).toBe(false);
  });

  it('says who holds a refused shortcut, and what to do on Wayland', () => {
    expect(shortcutRefusedMessage('CommandOrControl+Shift+K', 'windows', false)).toBe(
      'Kairos could not use Ctrl+Shift+K for quick post: another app or the system already uses it. Pick another shortcut in Settings.',
    );
    expect(shortcutRefusedMessage('CommandOrControl+Shift+K', 'mac', false)).toContain('Cmd+Shift+K');
    expect(shortcutRefusedMessage('CommandOrControl+Shift+K', 'linux', true)).toContain(
      'add a system shortcut that runs "kairos --quick-post"',
    );
  });
});

describe('autostartDesktopEntry', () => {
  it('writes a desktop entry that starts Kairos in the tray', () => {
    expect(autostartDesktopEntry(['/opt/Kairos/kairos', BACKGROUND_FLAG])).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Kairos',
        'Comment=Keeps your scheduled posts going out',
        'Exec=/opt/Kairos/kairos --background',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes paths with spaces and escapes what the Exec key reserves', () => {
    const exec = (path: string) => autostartDesktopEntry([path]).split('\n')[4];
    expect(exec('/home/ana/My Apps/Kairos.AppImage')).toBe('Exec="/home/ana/My Apps/Kairos.AppImage"');
    expect(exec('/home/ana/100%/kairos')).toBe('Exec=/home/ana/100%%/kairos');
    // A literal $ is escaped for the quoting rule, and that backslash doubled for the string rule.
    expect(exec('/home/ana/$dir/kairos')).toBe('Exec="/home/ana/\\\\$dir/kairos"');
  });
});

describe('tray action wiring', () => {
  it('builds its sections again each time, so state changes show without re-creating the tray', () => {
    let current = status();
    const sections = desktopTraySections(
      () => current,
      () => NOW,
      actions(),
    );
    const read = () => labels(layoutTrayMenu(sections.map((s) => s())));
    expect(read()).toContain('Pause publishing');
    current = status({ paused: true });
    expect(read()).toContain('Resume publishing');
  });
});
