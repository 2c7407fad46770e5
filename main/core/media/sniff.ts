// What a file really is, from its first bytes, and whether that matches the name and type it came with.

import { strictUtf8 } from '../parse';

/** The formats Kairos posts, each with the type it is stored under. */
const MEDIA = {
  png: { mime: 'image/png', label: 'a PNG image', ext: '.png' },
  jpeg: { mime: 'image/jpeg', label: 'a JPEG image', ext: '.jpg' },
  gif: { mime: 'image/gif', label: 'a GIF image', ext: '.gif' },
  webp: { mime: 'image/webp', label: 'a WebP image', ext: '.webp' },
  mp4: { mime: 'video/mp4', label: 'an MP4 video', ext: '.mp4' },
  mov: { mime: 'video/quicktime', label: 'a QuickTime (MOV) video', ext: '.mov' },
  webm: { mime: 'video/webm', label: 'a WebM video', ext: '.webm' },
} as const;
export type MediaFormat = keyof typeof MEDIA;

export const SUPPORTED_MEDIA_WORDS = 'PNG, JPEG, GIF, WebP, MP4, MOV or WebM';

export type Sniffed =
  | { readonly kind: 'media'; readonly format: MediaFormat; readonly mime: string; readonly label: string; readonly ext: string }
  | { readonly kind: 'other'; readonly label: string };

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
const starts = (b: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const media = (format: MediaFormat): Sniffed => ({ kind: 'media', format, ...MEDIA[format] });
const other = (label: string): Sniffed => ({ kind: 'other', label });

/** ISO base media files (MP4, MOV, HEIC, AVIF, M4A) say what they are in the ftyp box's brand. */
function isoMedia(brand: string): Sniffed {
  if (brand === 'qt  ') return media('mov');
  if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return other('a HEIC image');
  if (brand === 'avif' || brand === 'avis') return other('an AVIF image');
  if (brand.startsWith('M4A') || brand === 'M4B ') return other('an audio file (M4A)');
  return media('mp4');
}

function textKind(b: Uint8Array): Sniffed {
  const head = b.subarray(0, 4096);
  if (head.includes(0)) return other('data Kairos does not recognise');
  const text = strictUtf8(head.length < b.length ? head.subarray(0, head.length - 4) : head);
  if (text === null) return other('data Kairos does not recognise');
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 256)
    .toLowerCase();
  if (start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg'))) return other('an SVG drawing');
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<p>'))
    return other('a web page');
  if (start.startsWith('<?xml')) return other('an XML document');
  if (start.startsWith('{') || start.startsWith('[')) return other('a JSON or text file');
  if (start.startsWith('#!')) return other('a script');
  return other('a text file');
}

/** Reads the file's magic bytes. Never trusts a name or a declared type. */
export function sniffFile(b: Uint8Array): Sniffed {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return media('png');
  if (starts(b, [0xff, 0xd8, 0xff])) return media('jpeg');
  const six = ascii(b, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return media('gif');
  if (ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 12);
    if (form === 'WEBP') return media('webp');
    if (form === 'WAVE') return other('a WAV audio file');
    if (form === 'AVI ') return other('an AVI video');
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') return isoMedia(ascii(b, 8, 12));
  if (starts(b, [0x1a, 0x45, 0xdf, 0xa3])) return media('webm');
  if (ascii(b, 0, 5) === '%PDF-') return other('a PDF document');
  if (starts(b, [0x50, 0x4b, 0x03, 0x04]) || starts(b, [0x50, 0x4b, 0x05, 0x06])) return other('a ZIP archive (or an Office document)');
  if (starts(b, [0x1f, 0x8b])) return other('a compressed (gzip) file');
  if (starts(b, [0x7f, 0x45, 0x4c, 0x46])) return other('a program (ELF)');
  if (ascii(b, 0, 2) === 'MZ') return other('a Windows program');
  if (starts(b, [0xcf, 0xfa, 0xed, 0xfe]) || starts(b, [0xca, 0xfe, 0xba, 0xbe])) return other('a macOS program');
  if (ascii(b, 0, 3) === 'ID3' || starts(b, [0xff, 0xfb])) return other('an MP3 audio file');
  if (ascii(b, 0, 4) === 'OggS') return other('an Ogg audio or video file');
  if (ascii(b, 0, 4) === 'fLaC') return other('a FLAC audio file');
  if (ascii(b, 0, 2) === 'BM') return other('a BMP image');
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return other('a TIFF image (or a camera raw file)');
  if (starts(b, [0x00, 0x00, 0x01, 0x00])) return other('an icon (ICO)');
  if (ascii(b, 0, 4) === '8BPS') return other('a Photoshop document');
  return textKind(b);
}

const FORMAT_BY_MIME: Readonly<Record<string, MediaFormat | 'unsupported'>> = {
  'image/png': 'png',
  'image/apng': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/x-m4v': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};

const FORMAT_BY_EXT: Readonly<Record<string, MediaFormat>> = {
  png: 'png',
  apng: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  gif: 'gif',
  webp: 'webp',
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mov',
  qt: 'mov',
  webm: 'webm',
};

/** MP4 and MOV share one container; players and networks take either name for either. */
const sameFamily = (a: MediaFormat, b: MediaFormat) => a === b || ((a === 'mp4' || a === 'mov') && (b === 'mp4' || b === 'mov'));

const extOf = (fileName: string) => /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** The label of what the name or type claims, when it claims a format other than what the bytes are. */
export function claimMismatch(sniffed: MediaFormat, fileName: string, declaredMime: string): string | null {
  const mime = declaredMime.split(';')[0]?.trim().toLowerCase() ?? '';
  const byMime = FORMAT_BY_MIME[mime];
  if (byMime && byMime !== 'unsupported' && !sameFamily(byMime, sniffed)) return MEDIA[byMime].label;
  if (!byMime && mime !== '' && mime !== 'application/octet-stream' && (mime.startsWith('image/') || mime.startsWith('video/')))
    return `a file of type ${mime}`;
  const ext = extOf(fileName);
  const byExt = FORMAT_BY_EXT[ext];
  if (byExt && !sameFamily(byExt, sniffed)) return MEDIA[byExt].label;
  return null;
}
