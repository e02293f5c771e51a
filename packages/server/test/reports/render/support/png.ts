// A small PNG codec and pixel comparer for screenshot tests: 8-bit greyscale, RGB and RGBA,
// non-interlaced (what Chromium writes). No PNG package is installed in this repository.

import { deflateSync, inflateSync } from 'node:zlib';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** Four bytes per pixel, rows top to bottom. */
  readonly pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(png: Buffer): RgbaImage {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');

  let width = 0;
  let height = 0;
  let colourType = -1;
  const data: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9] ?? -1;
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit non-interlaced PNG files are supported');
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }

  const channels = CHANNELS[colourType];
  if (channels === undefined) throw new Error(`PNG colour type ${colourType} is not supported`);
  const raw = unfilter(inflateSync(Buffer.concat(data)), width, height, channels);

  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index += 1) {
    const source = index * channels;
    const grey = channels <= 2;
    pixels[index * 4] = raw[source] ?? 0;
    pixels[index * 4 + 1] = raw[grey ? source : source + 1] ?? 0;
    pixels[index * 4 + 2] = raw[grey ? source : source + 2] ?? 0;
    let alpha = 255;
    if (channels === 4) alpha = raw[source + 3] ?? 255;
    if (channels === 2) alpha = raw[source + 1] ?? 255;
    pixels[index * 4 + 3] = alpha;
  }
  return { width, height, pixels };
}

export function encodePng(image: RgbaImage): Buffer {
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y += 1) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(image.pixels.buffer, image.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface PixelComparison {
  readonly differentPixels: number;
  readonly totalPixels: number;
  /** Red where pixels differ, a faded copy of the expected image elsewhere. */
  readonly diff: RgbaImage;
}

/**
 * Count pixels whose largest channel difference exceeds `threshold` (0–255). Anti-aliasing and
 * font hinting move single channels by small amounts; a changed chart or text moves many pixels.
 */
export function comparePixels(actual: RgbaImage, expected: RgbaImage, threshold: number): PixelComparison {
  if (actual.width !== expected.width || actual.height !== expected.height) {
    throw new Error(`image sizes differ: ${actual.width}×${actual.height} vs expected ${expected.width}×${expected.height}`);
  }
  const diff = new Uint8Array(actual.pixels.length);
  let differentPixels = 0;
  for (let offset = 0; offset < actual.pixels.length; offset += 4) {
    let largest = 0;
    for (let channel = 0; channel < 4; channel += 1) {
      largest = Math.max(largest, Math.abs((actual.pixels[offset + channel] ?? 0) - (expected.pixels[offset + channel] ?? 0)));
    }
    if (largest > threshold) {
      differentPixels += 1;
      diff.set([255, 0, 0, 255], offset);
    } else {
      const grey = 255 - Math.round((255 - (expected.pixels[offset] ?? 255)) / 4);
      diff.set([grey, grey, grey, 255], offset);
    }
  }
  return { differentPixels, totalPixels: actual.width * actual.height, diff: { width: actual.width, height: actual.height, pixels: diff } };
}

function unfilter(data: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = data[y * (stride + 1)];
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x += 1) {
      const raw = data[source + x] ?? 0;
      const left = x >= channels ? (out[row + x - channels] ?? 0) : 0;
      const up = y > 0 ? (out[row - stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (out[row - stride + x - channels] ?? 0) : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) predictor = paeth(left, up, upLeft);
      else if (filter !== 0) throw new Error(`unknown PNG filter ${filter} in row ${y}`);
      out[row + x] = (raw + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
