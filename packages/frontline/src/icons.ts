import { crc32, deflateSync } from 'node:zlib';

/**
 * The app's home-screen icon, drawn in code so the build makes it like every other file: a QR
 * code's three finder patterns, black on white, on the app's dark green, inside the central 62 %
 * that a maskable icon keeps whatever shape the launcher cuts.
 */
export function iconPng(size: number): Buffer {
  const brand = [0x0b, 0x3d, 0x2e] as const;
  const rgb = Buffer.alloc(size * size * 3);
  const grid = 21;
  const inner = Math.floor((size * 0.62) / grid) * grid;
  const module = inner / grid;
  const origin = Math.floor((size - inner) / 2);
  const dark = (mx: number, my: number): boolean => {
    const finder = (fx: number, fy: number) => {
      const x = mx - fx;
      const y = my - fy;
      if (x < 0 || y < 0 || x > 6 || y > 6) return undefined;
      const ring = Math.min(x, y, 6 - x, 6 - y);
      return ring !== 1;
    };
    const inFinder = finder(0, 0) ?? finder(14, 0) ?? finder(0, 14);
    if (inFinder !== undefined) return inFinder;
    // A fixed sprinkle of data modules so it reads as a code, not as three squares.
    return mx > 7 && my > 7 && (mx * 7 + my * 3) % 5 === 0;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const mx = Math.floor((x - origin) / module);
      const my = Math.floor((y - origin) / module);
      const quiet = Math.ceil(module);
      const onCard = x >= origin - quiet && x < origin + inner + quiet && y >= origin - quiet && y < origin + inner + quiet;
      const inside = mx >= 0 && my >= 0 && mx < grid && my < grid;
      const colour = !onCard ? brand : inside && dark(mx, my) ? [0, 0, 0] : [255, 255, 255];
      rgb.set(colour, (y * size + x) * 3);
    }
  }
  return encodePng(size, size, rgb);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour 8-bit PNG (filter 0 on every row). */
function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) rgb.copy(rows, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
