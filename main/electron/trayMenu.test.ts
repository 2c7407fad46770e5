// Tests that the tray menu keeps "Open Kairos" first and "Quit" last around feature sections.

import { describe, expect, it, vi } from 'vitest';
import { kairosTraySections, layoutTrayMenu, type TrayEntry } from './trayMenu';

const labels = (entries: readonly TrayEntry[]) => entries.map((e) => (e.kind === 'separator' ? '---' : e.item.label));

describe('tray menu', () => {
  it('has Open Kairos and Quit, separated', () => {
    const menu = layoutTrayMenu(kairosTraySections({ openWindow: () => {}, quit: () => {} }));
    expect(labels(menu)).toEqual(['Open Kairos', '---', 'Quit']);
  });

  it('puts feature sections between them and drops empty ones', () => {
    const pause = () => [{ label: 'Pause publishing', run: () => {} }];
    const hidden = () => [];
    const menu = layoutTrayMenu(kairosTraySections({ openWindow: () => {}, quit: () => {} }, [pause, hidden]));
    expect(labels(menu)).toEqual(['Open Kairos', '---', 'Pause publishing', '---', 'Quit']);
  });

  it('runs the action the item names', () => {
    const openWindow = vi.fn();
    const quit = vi.fn();
    const menu = layoutTrayMenu(kairosTraySections({ openWindow, quit }));
    const quitEntry = menu.find((e) => e.kind === 'item' && e.item.label === 'Quit');
    if (quitEntry?.kind !== 'item') throw new Error('Quit is missing');
    quitEntry.item.run();
    expect(quit).toHaveBeenCalledOnce();
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('asks features for their section each time the menu is built', () => {
    let paused = false;
    const pause = () => [{ label: paused ? 'Resume publishing' : 'Pause publishing', run: () => {} }];
    const actions = { openWindow: () => {}, quit: () => {} };
    expect(labels(layoutTrayMenu(kairosTraySections(actions, [pause])))).toContain('Pause publishing');
    paused = true;
    expect(labels(layoutTrayMenu(kairosTraySections(actions, [pause])))).toContain('Resume publishing');
  });
});
