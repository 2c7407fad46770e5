// Media size limits, kept apart from the zod schemas so the renderer can read them without bundling zod.

/** The largest file Kairos keeps (a long video); checked before a single byte is read. */
export const MEDIA_MAX_BYTES = 200 * 1024 * 1024;
/**
 * The largest file sent inline as base64 in JSON (scripts, small images). Larger files travel as raw bytes:
 * browser mode's upload route, or a Uint8Array over Electron IPC.
 */
export const MEDIA_INLINE_MAX_BYTES = 16 * 1024 * 1024;
