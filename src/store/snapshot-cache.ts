// A copy of the last snapshot read from the table, kept next to it in one binary file, so that a
// new process (every CLI command) reads a few typed arrays instead of scanning and decoding every
// check-in row: at 40,000 KRs / 1M check-ins the scan is 0.65 s of a 1.1 s `okr lagging`.
//
// It is derived data, never a source of truth: it names the table version it was read at and is
// used only while the table is still at exactly that version (any commit, by anyone, and any
// compaction moves the version on); it is replaced by the next full read. A file that is short,
// fails its checksum or has another format is ignored. It is written to a temporary name and
// renamed, so a reader never sees half of one.
//
// Layout: "OKRSNAP3", header length (u32), header (JSON: key, counts, cycles and users, objectives
// and key results as columns (entity-columns.ts), the KR id of each run), padding to 8 bytes, then
// the runs' ends (i32 × runs), day (i32 × n), confidence (i32 × n), [pad], value (f64 × n),
// createdAt (f64 × n), the rows grouped by KR (one run each), then a CRC-32 (u32) of everything
// before it. (Format 2 kept a KR index per row and the entities as objects: 47 MB at 40,000 KRs
// against 32, and twice the time to read.)

import { open, rename, rm } from "node:fs/promises";
import { crc32 } from "node:zlib";
import type { Cycle, KeyResult, Objective, User } from "../domain/types.js";
import type { Snapshot } from "./store.js";
import { withRuns } from "./rows.js";
import { decodeEntities, encodeEntities, type EntityColumns } from "./entity-columns.js";

const MAGIC = "OKRSNAP3";
export const SNAPSHOT_FILE = "snapshot.okrcache";

/** What the cached snapshot must match to be used. */
export interface CacheKey {
  tableVersion: number;
  rows: number;
}

interface Header extends CacheKey {
  format: 3;
  version: number;
  n: number;
  cycles: Cycle[];
  objectives: EntityColumns;
  keyResults: EntityColumns;
  users: User[];
  /** Whose each run of rows is: an index into keyResults, or the id of a KR not among them. As an
   *  index, the loaded id is the KR's own string, so that the histories' map finds it by identity
   *  (40,000 lookups by equal but separate strings were 9 ms of a cold start). */
  runs: (number | string)[];
}

const align8 = (x: number) => (x + 7) & ~7;

/** Where each part of the file starts, after the header. */
function layout(jsonLength: number, runs: number, n: number) {
  const ends = align8(MAGIC.length + 4 + jsonLength);
  const days = ends + 4 * runs;
  const floats = align8(days + 8 * n);
  const end = floats + 16 * n;
  return { ends, days, confidences: days + 4 * n, values: floats, createdAt: floats + 8 * n, end };
}

/** Each run's KR as an index into `keyResults` where it is one of them. */
function runRefs(ids: readonly string[], keyResults: readonly KeyResult[]): (number | string)[] {
  const index = new Map<string, number>();
  keyResults.forEach((k, i) => index.set(k.id, i));
  return ids.map((id) => index.get(id) ?? id);
}

/** CRC-32 (zlib's, native: 5 ms for the 32 MB of a 40,000-KR workspace, half of a JS hash loop).
 *  A torn or truncated file, not an attacker, is what it guards against. */
const checksum = (bytes: Uint8Array, length: number): number => crc32(bytes.subarray(0, length));

export async function writeSnapshotCache(path: string, key: CacheKey, s: Snapshot): Promise<void> {
  const { days, values, confidences, createdAt } = s.checkIns;
  const n = days.length;
  // Rows grouped by KR, each KR's in the order read (a stable counting sort): a loader takes each
  // KR's rows as one slice. Columns that already come in runs keep them.
  const order = new Int32Array(n);
  const runIds: string[] = [];
  const runEnds: number[] = [];
  if (s.checkIns.runs && new Set(s.checkIns.runs.ids).size === s.checkIns.runs.ids.length) {
    for (let i = 0; i < n; i++) order[i] = i;
    for (const id of s.checkIns.runs.ids) runIds.push(id);
    for (const end of s.checkIns.runs.ends) runEnds.push(end);
  } else {
    const krIds = s.checkIns.krIds;
    const indexOf = new Map<string, number>();
    const krIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const id = krIds[i]!;
      let k = indexOf.get(id);
      if (k === undefined) {
        indexOf.set(id, (k = runIds.length));
        runIds.push(id);
      }
      krIndex[i] = k;
    }
    const next = new Int32Array(runIds.length + 1);
    for (let i = 0; i < n; i++) next[krIndex[i]! + 1]!++;
    for (let k = 1; k <= runIds.length; k++) next[k]! += next[k - 1]!;
    for (let k = 0; k < runIds.length; k++) runEnds.push(next[k + 1]!);
    for (let i = 0; i < n; i++) order[next[krIndex[i]!]!++] = i;
  }
  const header: Header = {
    format: 3,
    ...key,
    version: s.version,
    n,
    cycles: s.cycles,
    objectives: encodeEntities(s.objectives),
    keyResults: encodeEntities(s.keyResults),
    users: s.users,
    runs: runRefs(runIds, s.keyResults),
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const at = layout(json.length, runIds.length, n);
  const buf = Buffer.alloc(at.end + 4);
  buf.write(MAGIC, 0, "latin1");
  buf.writeUInt32LE(json.length, MAGIC.length);
  json.copy(buf, MAGIC.length + 4);
  const i32 = (from: number, count: number) => new Int32Array(buf.buffer, buf.byteOffset + from, count);
  const f64 = (from: number) => new Float64Array(buf.buffer, buf.byteOffset + from, n);
  i32(at.ends, runIds.length).set(runEnds);
  const [dOut, cOut, vOut, tOut] = [i32(at.days, n), i32(at.confidences, n), f64(at.values), f64(at.createdAt)];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    dOut[k] = days[i]!;
    cOut[k] = confidences[i]!;
    vOut[k] = values[i]!;
    tOut[k] = createdAt[i]!;
  }
  buf.writeUInt32LE(checksum(buf, at.end), at.end);
  // One temporary name: a crash leaves at most one stray file; two writers at once may mix their
  // bytes in it, which the checksum then refuses.
  const tmp = `${path}.tmp`;
  try {
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(buf);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The file in one read into one buffer of its size (readFile reads in 512 KB steps: 28 ms for 47 MB
 *  here against 22). */
async function readWhole(path: string): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}

/** The cached snapshot if there is one for exactly `key`, else null. */
export async function readSnapshotCache(path: string, key: CacheKey): Promise<Snapshot | null> {
  return (await readSnapshotCacheIf(path, (k) => k.tableVersion === key.tableVersion && k.rows === key.rows))?.snapshot ?? null;
}

/** The cached snapshot if `accept` takes its key, with the key. */
export async function readSnapshotCacheIf(path: string, accept: (key: CacheKey) => boolean): Promise<{ snapshot: Snapshot; key: CacheKey } | null> {
  let buf: Buffer;
  try {
    buf = await readWhole(path);
  } catch {
    return null;
  }
  if (buf.length < MAGIC.length + 8 || buf.toString("latin1", 0, MAGIC.length) !== MAGIC) return null;
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + jsonLength > buf.length) return null;
  let header: Header;
  try {
    header = JSON.parse(buf.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + jsonLength)) as Header;
  } catch {
    return null;
  }
  if (header.format !== 3 || !accept({ tableVersion: header.tableVersion, rows: header.rows })) return null;
  const { n } = header;
  const at = layout(jsonLength, header.runs.length, n);
  if (buf.length !== at.end + 4 || buf.readUInt32LE(at.end) !== checksum(buf, at.end)) return null;
  // Views over the file's own memory when it is aligned for them (a file read whole has a buffer of
  // its own, at offset 0: 28 MB less to allocate and copy at 1M check-ins); copies otherwise.
  const aligned = buf.byteOffset % 8 === 0;
  const i32 = (from: number, count = n) =>
    aligned ? new Int32Array(buf.buffer, buf.byteOffset + from, count) : new Int32Array(buf.buffer.slice(buf.byteOffset + from, buf.byteOffset + from + 4 * count));
  const f64 = (from: number) =>
    aligned ? new Float64Array(buf.buffer, buf.byteOffset + from, n) : new Float64Array(buf.buffer.slice(buf.byteOffset + from, buf.byteOffset + from + 8 * n));
  const keyResults = decodeEntities<KeyResult>(header.keyResults);
  const runIds = header.runs.map((r) => (typeof r === "number" ? keyResults[r]!.id : r));
  const snapshot: Snapshot = {
    version: header.version,
    cycles: header.cycles,
    objectives: decodeEntities<Objective>(header.objectives),
    keyResults,
    users: header.users,
    checkIns: withRuns({ days: i32(at.days), confidences: i32(at.confidences), values: f64(at.values), createdAt: f64(at.createdAt) }, runIds, i32(at.ends, header.runs.length)),
  };
  return { snapshot, key: { tableVersion: header.tableVersion, rows: header.rows } };
}
