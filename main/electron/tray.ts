// The tray icon that keeps Kairos reachable (and publishing) while its window is closed.

import { Menu, type MenuItemConstructorOptions, type NativeImage, nativeImage, Tray } from 'electron';
import { TRAY_ICON_16, TRAY_ICON_32 } from './trayIcon';
import { layoutTrayMenu, type TrayEntry, type TraySection } from './trayMenu';

/**
 * The menu as last built, readable in the main process (Electron offers no way to read a tray's menu back).
 * The Electron specs use it to check the items and click one, as a person would from the tray.
 */
export const TRAY_MENU_HANDLE = Symbol.for('kairos.trayMenu');

export interface TrayMenuHandle {
  /** Item labels in order, "---" for separators, "(disabled)" after greyed-out items. */
  labels(): string[];
  /** Runs the item with this label; false when there is none or it is greyed out. */
  click(label: string): boolean;
}

export interface AppTrayOptions {
  readonly tooltip: string;
  /** Called on every refresh, so sections can show current state (paused, next post, …). */
  readonly sections: () => readonly TraySection[];
  /** Left click on Windows and macOS; Linux tray hosts only show the menu. */
  readonly onClick: () => void;
}

export interface AppTray {
  /** Rebuilds the menu; call when something a section shows has changed. */
  refresh(): void;
  destroy(): void;
}

function trayImage(): NativeImage {
  if (process.platform !== 'darwin') return nativeImage.createFromDataURL(TRAY_ICON_32);
  // The macOS menu bar is 16pt tall; the 32px image serves Retina screens.
  const image = nativeImage.createFromDataURL(TRAY_ICON_16);
  image.addRepresentation({ scaleFactor: 2, dataURL: TRAY_ICON_32 });
  return image;
}

function toTemplate(entries: readonly TrayEntry[]): MenuItemConstructorOptions[] {
  return entries.map((entry) =>
    entry.kind === 'separator'
      ? { type: 'separator' }
      : { label: entry.item.label, enabled: entry.item.enabled ?? true, click: () => entry.item.run() },
  );
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const tray = new Tray(trayImage());
  tray.setToolTip(options.tooltip);
  tray.on('click', () => options.onClick());
  let entries: TrayEntry[] = [];
  const refresh = () => {
    if (tray.isDestroyed()) return;
    entries = layoutTrayMenu(options.sections());
    tray.setContextMenu(Menu.buildFromTemplate(toTemplate(entries)));
  };
  const handle: TrayMenuHandle = {
    labels: () => entries.map((e) => (e.kind === 'separator' ? '---' : `${e.item.label}${e.item.enabled === false ? ' (disabled)' : ''}`)),
    click(label) {
      const entry = entries.find((e) => e.kind === 'item' && e.item.label === label);
      if (entry?.kind !== 'item' || entry.item.enabled === false) return false;
      entry.item.run();
      return true;
    },
  };
  Reflect.set(globalThis, TRAY_MENU_HANDLE, handle);
  refresh();
  return {
    refresh,
    destroy: () => {
      Reflect.deleteProperty(globalThis, TRAY_MENU_HANDLE);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
