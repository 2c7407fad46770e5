// What the kairos:invoke handler answers, apart from Electron itself so it can be tested in plain Node.

import { failure, SHELL_CHANNELS } from '../../shared/contract';
import type { Result } from '../../shared/contract/result';
import type { Backend } from '../core/backend';

/** Answers one request from a renderer; `trusted` is the sender check (our window, top frame, app:// page). */
export async function answerRendererInvoke(
  backend: Backend,
  trusted: boolean,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!trusted) return failure('page_not_trusted', {});
  if (typeof channel !== 'string') return failure('no_channel', {});
  // Checked here as well as in the backend, so this door stays shut whatever backend it is wired to.
  if (!(SHELL_CHANNELS.electron as ReadonlySet<string>).has(channel)) return failure('not_allowed_here', { channel, shell: 'electron' });
  try {
    return await backend.invoke(channel, payload);
  } catch (e) {
    // invoke already turns handler failures into Results; this only catches a backend that is shutting down.
    return failure('no_answer', { detail: (e as Error).message });
  }
}
