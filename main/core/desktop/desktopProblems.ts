// What the desktop shell could not do with the preferences (a refused shortcut, no login items), for Settings to show.

import type { DesktopProblems } from '../../../shared/contract/app';

/**
 * Held in memory: the shell reports on every start, and a problem only means something for the running app.
 * Only the shell writes here (through Backend.desktop), never the renderer.
 */
export class DesktopProblemsBoard {
  #problems: DesktopProblems = { quickPostShortcut: null, openAtLogin: null };

  constructor(private readonly onChange: () => void) {}

  current(): DesktopProblems {
    return this.#problems;
  }

  report(key: keyof DesktopProblems, message: string | null): void {
    if (this.#problems[key] === message) return;
    this.#problems = { ...this.#problems, [key]: message };
    this.onChange();
  }
}
