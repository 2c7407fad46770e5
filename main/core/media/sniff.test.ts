// The bytes decide what a file is; a name or type that says otherwise is a mismatch, except MP4/MOV which share a container.

import { describe, expect, it } from 'vitest';
import { ONE_PIXEL_PNG, ZIP_START } from '../../testing/mediaSamples';
import { claimMismatch, sniffFile } from './sniff';

const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(8)]);

describe('sniffFile', () => {
  it.each([
    [ONE_PIXEL_PNG, 'image/png'],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    [Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
    [Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/webp'],
    [ftyp('isom'), 'video/mp4'],
    [ftyp('qt  '), 'video/quicktime'],
    [Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'video/webm'],
  ])('recognises %#', (bytes, mime) => {
    expect(sniffFile(bytes)).toMatchObject({ kind: 'media', mime });
  });

  it.each([
    [ZIP_START, 'a ZIP archive (or an Office document)'],
    [Buffer.from('%PDF-1.7\n'), 'a PDF document'],
    [ftyp('heic'), 'a HEIC image'],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'an SVG drawing'],
    [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'a program (ELF)'],
    [Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), 'a text file'],
    [Buffer.from([0x00, 0x13, 0x37, 0x00, 0xee]), 'data Kairos does not recognise'],
  ])('names what is not media %#', (bytes, label) => {
    expect(sniffFile(bytes)).toEqual({ kind: 'other', label });
  });
});

describe('claimMismatch', () => {
  it('accepts a file whose name and type agree with its bytes, or say nothing', () => {
    expect(claimMismatch('png', 'dot.png', 'image/png')).toBeNull();
    expect(claimMismatch('png', 'pasted', '')).toBeNull();
    expect(claimMismatch('jpeg', 'IMG_0001.JPEG', 'application/octet-stream')).toBeNull();
    expect(claimMismatch('mov', 'clip.mp4', 'video/mp4')).toBeNull();
  });

  it('names what the name or type claimed when the bytes are something else', () => {
    expect(claimMismatch('png', 'photo.jpg', 'image/jpeg')).toBe('a JPEG image');
    expect(claimMismatch('png', 'photo.jpg', '')).toBe('a JPEG image');
    expect(claimMismatch('webm', 'clip.mp4', '')).toBe('an MP4 video');
    expect(claimMismatch('png', 'x', 'image/heic')).toBe('a file of type image/heic');
  });
});
