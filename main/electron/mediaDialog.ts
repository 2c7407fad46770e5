// The desktop window's "Add image or video": the main process's open dialog, whose paths never reach the page.

import { BrowserWindow, dialog } from 'electron';

const EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'mp4', 'm4v', 'mov', 'webm'];

/** Shows the open dialog over the focused Kairos window; resolves with the chosen paths, or none when cancelled. */
export async function pickMediaFiles(): Promise<readonly string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Add image or video',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Images and video', extensions: EXTENSIONS }],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? [] : chosen.filePaths;
}
