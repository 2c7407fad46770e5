// What the tray menu contains, kept free of Electron so features can add sections and tests can read the result.

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
