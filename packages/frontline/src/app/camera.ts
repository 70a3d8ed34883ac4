/// <reference lib="dom" />

/** One look at a frame: the QR text in it, if any. */
type FrameReader = (video: HTMLVideoElement) => Promise<string | undefined>;

interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** Frames looked at per second: enough for a code held up, little enough for a cheap phone's battery. */
const frameIntervalMs = 80;
/** Frames are scaled down to this width before decoding; a code held up fills much of the frame. */
const decodeWidth = 640;

/** The browser's own detector where it has one for QR codes (Android Chrome, Safari). */
async function nativeReader(): Promise<FrameReader | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector || !(await Detector.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) return undefined;
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video).catch(() => []))[0]?.rawValue;
}

/** Otherwise the `qr` decoder (desktop Chrome, Firefox, headless Chromium), loaded only then. */
async function libraryReader(): Promise<FrameReader> {
  const { default: decodeQR } = await import('qr/decode.js');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    const scale = Math.min(1, decodeWidth / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    try {
      return decodeQR(context.getImageData(0, 0, canvas.width, canvas.height));
    } catch {
      // No code in this frame: the next one may have it.
      return undefined;
    }
  };
}

export interface CameraScanner {
  stop(): void;
}

/**
 * Opens the rear camera into `video` and calls `onCode` with each code read, frame after frame,
 * while `active()` holds (the verdict screen pauses it). Throws when there is no camera.
 */
export async function startCameraScanner(video: HTMLVideoElement, onCode: (text: string) => void, active: () => boolean): Promise<CameraScanner> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: { ideal: 640 }, height: { ideal: 480 } },
    audio: false,
  });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  const read = (await nativeReader()) ?? (await libraryReader());
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    if (active() && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const text = await read(video);
      if (text && !stopped) onCode(text);
    }
    if (!stopped) timer = setTimeout(() => void tick(), frameIntervalMs);
  };
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
