// The tray icon that keeps Kairos reachable (and publishing) while its window is closed.

import { Menu, type MenuItemConstructorOptions, type NativeImage, nativeImage, Tray } from 'electron';
import { TRAY_ICON_16, TRAY_ICON_32 } from './trayIcon';
import { layoutTrayMenu, type TraySection } from './trayMenu';

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

function toTemplate(sections: readonly TraySection[]): MenuItemConstructorOptions[] {
  return layoutTrayMenu(sections).map((entry) =>
    entry.kind === 'separator'
      ? { type: 'separator' }
      : { label: entry.item.label, enabled: entry.item.enabled ?? true, click: () => entry.item.run() },
  );
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const tray = new Tray(trayImage());
  tray.setToolTip(options.tooltip);
  tray.on('click', () => options.onClick());
  const refresh = () => {
    if (!tray.isDestroyed()) tray.setContextMenu(Menu.buildFromTemplate(toTemplate(options.sections())));
  };
  refresh();
  return {
    refresh,
    destroy: () => {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
