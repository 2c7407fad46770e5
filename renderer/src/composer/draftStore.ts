// A copy of what is being written, kept in localStorage on every change, so a crash or a closed window never loses it.

import { readStored, removeStored, writeStored } from '../state/storage';
import type { ComposerForm } from './composerModel';

export interface UnsavedComposer {
  /** The post being edited (or the draft autosave created), null before anything reached the backend. */
  readonly postId: string | null;
  readonly form: ComposerForm;
  readonly savedAt: number;
}

const KEY = 'kairos.composer.unsaved.v1';

export function readUnsaved(): UnsavedComposer | null {
  const value = readStored<UnsavedComposer>(KEY);
  if (!value || typeof value !== 'object' || typeof value.form?.text !== 'string') return null;
  return value;
}

export function writeUnsaved(value: UnsavedComposer): void {
  writeStored(KEY, value);
}

export function clearUnsaved(): void {
  removeStored(KEY);
}
