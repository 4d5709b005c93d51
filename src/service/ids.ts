// Record ids: random (version 4) UUIDs, RFC 9562.
//
// Kept by hand rather than crypto.randomUUID() or the uuid package: both build each id by joining
// about twenty pieces, and V8 keeps such a join as a rope of cons strings (about 450 bytes an id)
// until something flattens it. An import of a million check-ins allocated 0.6 GB for its ids, and
// the ropes lived on through the chunk's checks and encoding. Here ids are formatted as bytes, 256
// at a time, from crypto-random bytes, and each is read back as one flat 36-byte string.

import { randomFillSync } from "node:crypto";

const BATCH = 256;
const random = Buffer.alloc(16 * BATCH);
const text = Buffer.alloc(36 * BATCH);
const HEX = Buffer.from("0123456789abcdef", "latin1");
let next = BATCH;

function refill(): void {
  randomFillSync(random);
  for (let i = 0, o = 0; i < BATCH; i++) {
    const b = 16 * i;
    random[b + 6] = (random[b + 6]! & 0x0f) | 0x40; // version 4
    random[b + 8] = (random[b + 8]! & 0x3f) | 0x80; // variant 10xx
    for (let j = 0; j < 16; j++) {
      if (j === 4 || j === 6 || j === 8 || j === 10) text[o++] = 0x2d; // "-"
      const v = random[b + j]!;
      text[o++] = HEX[v >> 4]!;
      text[o++] = HEX[v & 15]!;
    }
  }
  next = 0;
}

/** A new random id, as crypto.randomUUID() gives: 8-4-4-4-12 lowercase hex digits. */
export function newId(): string {
  if (next === BATCH) refill();
  const o = 36 * next++;
  return text.toString("latin1", o, o + 36);
}
