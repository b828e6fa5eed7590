// Draws the extension icon (a sail over a wave, 128x128 PNG) without any image tool.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const W = 128;
const px = Buffer.alloc(W * W * 4);
const set = (x, y, [r, g, b, a]) => px.set([r, g, b, a], (y * W + x) * 4);
for (let y = 0; y < W; y++) {
  for (let x = 0; x < W; x++) {
    const dx = x - 63.5, dy = y - 63.5;
    if (dx * dx + dy * dy > 62 * 62) continue; // transparent outside the disc
    let c = [17, 56, 110, 255]; // navy disc
    if (y >= 24 && y <= 84 && x >= 40 && x <= 92 && x - 40 <= ((y - 24) * 52) / 60) c = [99, 179, 237, 255]; // main sail
    if (y >= 40 && y <= 84 && x >= 30 && x <= 37 && 37 - x <= ((y - 40) * 7) / 44) c = [99, 179, 237, 255]; // small sail
    if (y >= 90 && y <= 96 && x >= 28 && x <= 100) c = [255, 255, 255, 255]; // hull
    set(x, y, c);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(W, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.concat(Array.from({ length: W }, (_, y) => Buffer.concat([Buffer.from([0]), px.subarray(y * W * 4, (y + 1) * W * 4)])));
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
