import { writeFile } from 'node:fs/promises';
import encodeQR from 'qr';

/** A picture in grey levels (0 black … 255 white), the luma plane of a video frame. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Chromium's fake camera frame size: what a phone's rear camera gives a web page at 640 × 480. */
export const frameSize = { width: 640, height: 480 } as const;

/** A QR code of `text`, black modules on white with its quiet zone, as large as fits a frame in whole pixels. */
export function qrFrame(text: string, size = frameSize): GreyImage {
  const modules = encodeQR(text, 'raw', { border: 4 });
  const scale = Math.floor(Math.min(size.width, size.height) / modules.length);
  const matrix: GreyImage = {
    width: modules.length,
    height: modules.length,
    pixels: Uint8Array.from(modules.flatMap((row) => row.map((dark) => (dark ? 0 : 255)))),
  };
  return placed(matrix, scale, size);
}

/** A screenshot (RGBA) in grey, centred on a white frame at `scale` pixels per pixel. */
export function screenshotFrame(rgba: { width: number; height: number; data: Uint8Array }, scale = 1, size = frameSize): GreyImage {
  const pixels = new Uint8Array(rgba.width * rgba.height);
  for (let i = 0; i < pixels.length; i++) {
    // ITU-R BT.601 luma, as a camera's Y plane is.
    pixels[i] = Math.round(0.299 * rgba.data[i * 4]! + 0.587 * rgba.data[i * 4 + 1]! + 0.114 * rgba.data[i * 4 + 2]!);
  }
  return placed({ width: rgba.width, height: rgba.height, pixels }, scale, size);
}

/** A frame with nothing to read: what the camera sees between two people. */
export function blankFrame(size = frameSize): GreyImage {
  return { ...size, pixels: new Uint8Array(size.width * size.height).fill(235) };
}

function placed(image: GreyImage, scale: number, size: { width: number; height: number }): GreyImage {
  const pixels = new Uint8Array(size.width * size.height).fill(255);
  const left = Math.floor((size.width - image.width * scale) / 2);
  const top = Math.floor((size.height - image.height * scale) / 2);
  if (left < 0 || top < 0) throw new Error(`a ${image.width}×${image.height} image at ×${scale} does not fit a ${size.width}×${size.height} frame`);
  for (let y = 0; y < image.height * scale; y++) {
    for (let x = 0; x < image.width * scale; x++) {
      pixels[(top + y) * size.width + left + x] = image.pixels[Math.floor(y / scale) * image.width + Math.floor(x / scale)]!;
    }
  }
  return { ...size, pixels };
}

/**
 * Writes a YUV4MPEG2 video for Chromium's `--use-file-for-fake-video-capture`: each frame is its
 * grey picture as the Y plane and neutral chroma (4:2:0, so U and V are a quarter of Y each).
 * Chromium plays it at `fps`, over and over.
 */
export async function writeY4m(path: string, frames: readonly GreyImage[], fps: number): Promise<void> {
  const [first] = frames;
  if (!first) throw new Error('a video needs at least one frame');
  const chroma = Buffer.alloc((first.width / 2) * (first.height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (const frame of frames) {
    if (frame.width !== first.width || frame.height !== first.height) throw new Error('every frame of a video has the same size');
    parts.push(Buffer.from('FRAME\n'), Buffer.from(frame.pixels), chroma);
  }
  await writeFile(path, Buffer.concat(parts));
}
