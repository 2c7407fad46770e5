// Channels for adding images and video to posts before they are scheduled.

import { z } from 'zod';
import type { MediaView } from '../domain';
import { Id } from './common';

export const MEDIA_MAX_BYTES = 200 * 1024 * 1024;

export const mediaRequests = {
  /** From the renderer: the file's bytes as base64 (drag-and-drop, paste, picker). */
  'media.add': z.object({
    fileName: z.string().min(1).max(255),
    mime: z.string().min(3).max(100),
    dataBase64: z.string().min(1),
  }),
  /** From the CLI or the Electron shell: a file on this computer. */
  'media.addFile': z.object({ path: z.string().min(1) }),
  /** A data: URL for showing a thumbnail. */
  'media.preview': z.object({ id: Id }),
} as const;

export interface MediaResponses {
  'media.add': MediaView;
  'media.addFile': MediaView;
  'media.preview': { readonly dataUrl: string };
}
