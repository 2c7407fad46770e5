// Channels for adding images and video to posts before they are scheduled. A page never names a file path.

import { z } from 'zod';
import type { MediaView } from '../domain';
import { MEDIA_INLINE_MAX_BYTES, MEDIA_MAX_BYTES } from '../mediaLimits';
import { Id } from './common';

export { MEDIA_INLINE_MAX_BYTES, MEDIA_MAX_BYTES };

const FileName = z.string().min(1).max(255);
const Mime = z.string().max(100);

/** What every shell may call: bytes that came from the user's picker, a drop or a paste, never a path. */
export const mediaRequests = {
  'media.add': z
    .object({
      fileName: FileName,
      /** What the picker or the drop said the file is ('' when it did not say). */
      mime: Mime,
      /** The bytes as base64, up to MEDIA_INLINE_MAX_BYTES (JSON callers). */
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil(MEDIA_INLINE_MAX_BYTES / 3) * 4, `Files over ${MEDIA_INLINE_MAX_BYTES / 1024 / 1024} MB must be sent as raw bytes.`)
        .optional(),
      /** The raw bytes (Electron IPC, and browser mode's upload route in the backend's own process). */
      bytes: z.instanceof(Uint8Array).optional(),
    })
    .refine((r) => (r.dataBase64 === undefined) !== (r.bytes === undefined), 'Send the file as dataBase64 or as bytes, once.'),
  /** A thumbnail for showing stored media. */
  'media.preview': z.object({ id: Id }),
} as const;

/** The desktop window's "Add" button: the main process shows the open dialog and reads the chosen files itself. */
export const mediaDesktopRequests = {
  'media.pick': z.object({}).optional(),
} as const;

/** Only the kairos command, run by the user on their own files, may name a path. */
export const mediaCliRequests = {
  'media.addFile': z.object({ path: z.string().min(1).max(4096) }),
} as const;

export interface MediaResponses {
  'media.add': MediaView;
  'media.addFile': MediaView;
  'media.preview': { readonly dataUrl: string };
  /** The files added, in the order chosen; empty when the dialog was cancelled. */
  'media.pick': readonly MediaView[];
}
