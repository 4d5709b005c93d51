// Builds Arrow columns directly from JS arrays: 5–8× faster than handing LanceDB row objects.
// Arrow is loaded through require so that we share LanceDB's (CommonJS) copy and `instanceof` holds.

import { createRequire } from "node:module";
import type * as ArrowTypes from "apache-arrow";

const require = createRequire(import.meta.url);
export const arrow: typeof ArrowTypes = require("apache-arrow");

const encoder = new TextEncoder();

function nullBitmap(isNull: (i: number) => boolean, n: number): { bitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap: nullCount ? bitmap : undefined, nullCount };
}

export function utf8Column(values: readonly (string | null)[]): ArrowTypes.Vector<ArrowTypes.Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v) {
      const bytes = encoder.encode(v);
      chunks.push(bytes);
      total += bytes.length;
    }
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  const { bitmap, nullCount } = nullBitmap((i) => values[i] === null || values[i] === undefined, n);
  return arrow.makeVector(
    arrow.makeData({ type: new arrow.Utf8(), length: n, nullCount, nullBitmap: bitmap, valueOffsets: offsets, data }),
  );
}

export function int32Column(values: ArrayLike<number>, isNull?: (i: number) => boolean): ArrowTypes.Vector<ArrowTypes.Int32> {
  const n = values.length;
  const data = values instanceof Int32Array ? values : Int32Array.from(values);
  const { bitmap, nullCount } = isNull ? nullBitmap(isNull, n) : { bitmap: undefined, nullCount: 0 };
  return arrow.makeVector(arrow.makeData({ type: new arrow.Int32(), length: n, nullCount, nullBitmap: bitmap, data }));
}

export function float64Column(values: ArrayLike<number>, isNull?: (i: number) => boolean): ArrowTypes.Vector<ArrowTypes.Float64> {
  const n = values.length;
  const data = values instanceof Float64Array ? values : Float64Array.from(values);
  const { bitmap, nullCount } = isNull ? nullBitmap(isNull, n) : { bitmap: undefined, nullCount: 0 };
  return arrow.makeVector(arrow.makeData({ type: new arrow.Float64(), length: n, nullCount, nullBitmap: bitmap, data }));
}
