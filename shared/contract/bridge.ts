// The object the Electron preload puts on window.kairos; the renderer's api client uses it when present.

import type { BackendEvent } from './events';
import type { Result } from './result';

export interface KairosBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Returns a function that stops delivery to this listener. */
  onEvent(listener: (e: BackendEvent) => void): () => void;
  readonly shell: 'electron';
}
