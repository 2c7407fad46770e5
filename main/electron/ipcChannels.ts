// The two IPC channel names the preload and the main process agree on; kept apart so the sandboxed preload bundles nothing else.

/** Renderer → main: (channel, payload) for backend.invoke. */
export const INVOKE_CHANNEL = 'kairos:invoke';
/** Main → renderer: one BackendEvent per message. */
export const EVENT_CHANNEL = 'kairos:event';
