/// <reference lib="dom" />

/** What a frame held: its text and the symbology (`qr_code`, or a tube's `code_128` …). */
export interface Read {
  readonly text: string;
  readonly format: string;
}

/** One look at a frame: the code in it, if any. */
type FrameReader = (video: HTMLVideoElement) => Promise<Read | undefined>;

interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string; format?: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** Frames looked at per second: enough for a code held up, little enough for a cheap phone's battery. */
const frameIntervalMs = 80;
/** Frames are scaled down to this width before decoding; a code held up fills much of the frame. */
const decodeWidth = 640;

/** The linear barcodes sample tubes carry, read where the browser's own detector can. */
const tubeFormats = ['code_128', 'code_39', 'codabar', 'itf'];

/**
 * The browser's own detector where it has one for QR codes (Android Chrome, Safari), reading a
 * tube's linear barcode too where it can (the gate's sampling purpose scans tubes).
 */
async function nativeReader(): Promise<FrameReader | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  const supported = Detector ? await Detector.getSupportedFormats().catch((): string[] => []) : [];
  if (!Detector || !supported.includes('qr_code')) return undefined;
  const detector = new Detector({ formats: ['qr_code', ...tubeFormats.filter((f) => supported.includes(f))] });
  return async (video) => {
    const [found] = await detector.detect(video).catch(() => []);
    return found ? { text: found.rawValue, format: found.format ?? 'qr_code' } : undefined;
  };
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
      return { text: decodeQR(context.getImageData(0, 0, canvas.width, canvas.height)), format: 'qr_code' };
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
export async function startCameraScanner(video: HTMLVideoElement, onCode: (read: Read) => void, active: () => boolean): Promise<CameraScanner> {
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
      const found = await read(video);
      if (found && !stopped) onCode(found);
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
