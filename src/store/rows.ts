// The table's rows as Arrow: the schema, one commit's columns built from a write batch, and the
// check-in columns read back from a scan. Pure data shaping; lance-store.ts does the LanceDB calls.

import type * as ArrowTypes from "apache-arrow";
import { formatDay, parseDay } from "../domain/dates.js";
import type { CheckIn } from "../domain/types.js";
import { arrow, float64Column, int32Column, readRepeatedUtf8, utf8Column } from "./arrow-columns.js";
import type { CheckInColumns, WriteBatch } from "./store.js";

export type Kind = "cycle" | "objective" | "key_result" | "check_in" | "correction" | "user" | "audit";

let schema: ArrowTypes.Schema | null = null;

/** Column layout. Entities keep their full JSON in `data`; check-ins use typed columns so the
 *  million-row scans that build the in-memory index never parse JSON. Corrections are rare: they
 *  keep their JSON in `data`, with a null day so the check-in scan skips them, `ref` = the check-in
 *  they supersede and `parent` = its KR. Made on first use, like Arrow itself. */
export function tableSchema(): ArrowTypes.Schema {
  const a = arrow();
  return (schema ??= new a.Schema([
    new a.Field("kind", new a.Utf8(), true),
    new a.Field("id", new a.Utf8(), true),
    new a.Field("ref", new a.Utf8(), true),
    new a.Field("parent", new a.Utf8(), true),
    new a.Field("day", new a.Int32(), true),
    new a.Field("value", new a.Float64(), true),
    new a.Field("confidence", new a.Int32(), true),
    new a.Field("text", new a.Utf8(), true),
    new a.Field("author", new a.Utf8(), true),
    new a.Field("data", new a.Utf8(), true),
    new a.Field("written_at", new a.Float64(), true),
  ]));
}

let lastStamp = 0;
/** Strictly increasing write stamps (epoch ms with sub-ms steps): the latest revision of an entity
 *  is the row with the highest stamp, whatever order a scan returns rows in. */
function stamp(): number {
  const now = Date.now();
  lastStamp = now > lastStamp ? now : lastStamp + 0.001;
  return lastStamp;
}

export const joined = (parts: readonly ArrowTypes.Table[]): ArrowTypes.Table => (parts.length === 1 ? parts[0]! : new (arrow().Table)(parts.flatMap((p) => p.batches)));

/** The parts as one Arrow IPC file, in a Buffer over the same memory; empties `parts`. */
export function ipcFile(parts: ArrowTypes.Table[]): Buffer {
  const ipc = arrow().tableToIPC(joined(parts), "file");
  parts.length = 0;
  return Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength);
}

/** Keeps the rows of an unfiltered scan that are check-ins (the ones with a day). */
export function checkInColumns(t: ArrowTypes.Table): CheckInColumns {
  const dayCol = t.getChild("day")!;
  // Validity straight from each chunk's bitmap, with the chunk's getters hoisted out of the loop:
  // Vector.isValid() per row took seconds on a million rows.
  const valid = new Uint8Array(t.numRows);
  let row = 0,
    count = 0;
  for (const chunk of dayCol.data) {
    const { nullBitmap: bitmap, offset, length } = chunk;
    const allValid = chunk.nullCount === 0 || !bitmap;
    for (let i = 0; i < length; i++, row++) {
      const bit = offset + i;
      if (allValid || ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1) {
        valid[row] = 1;
        count++;
      }
    }
  }
  const ids = readRepeatedUtf8(t.getChild("parent")! as never);
  const days = dayCol.toArray() as Int32Array;
  const values = t.getChild("value")!.toArray() as Float64Array;
  const confidences = t.getChild("confidence")!.toArray() as Int32Array;
  const written = t.getChild("written_at")!.toArray() as Float64Array;
  const out: CheckInColumns = {
    krIds: new Array<string>(count),
    days: new Int32Array(count),
    values: new Float64Array(count),
    confidences: new Int32Array(count),
    createdAt: new Float64Array(count),
  };
  for (let i = 0, k = 0, n = valid.length; i < n; i++) {
    if (!valid[i]) continue;
    out.krIds[k] = ids[i]!;
    out.days[k] = days[i]!;
    out.values[k] = values[i]!;
    out.confidences[k] = confidences[i]!;
    out.createdAt[k++] = written[i]!;
  }
  return out;
}

/** Columns whose rows come in runs of one KR each, with `krIds` built only if someone reads it. */
export function withRuns(c: Omit<CheckInColumns, "krIds" | "runs">, ids: readonly string[], ends: Int32Array): CheckInColumns {
  let krIds: string[] | undefined;
  return {
    ...c,
    runs: { ids, ends },
    get krIds() {
      if (!krIds) {
        krIds = new Array<string>(c.days.length);
        for (let r = 0, from = 0; r < ids.length; from = ends[r++]!) krIds.fill(ids[r]!, from, ends[r]);
      }
      return krIds;
    },
    set krIds(v) {
      krIds = v;
    },
  };
}

export function emptyColumns(): CheckInColumns {
  return { krIds: [], days: new Int32Array(0), values: new Float64Array(0), confidences: new Int32Array(0), createdAt: new Float64Array(0) };
}

/** Columns for one commit, filled entity by entity and check-in by check-in (no row objects:
 *  a million of them made imports GC-bound). */
export class Columns {
  kind: string[] = [];
  id: string[] = [];
  ref: (string | null)[] = [];
  parent: (string | null)[] = [];
  day: number[] = [];
  value: number[] = [];
  confidence: number[] = [];
  text: (string | null)[] = [];
  author: (string | null)[] = [];
  data: (string | null)[] = [];
  writtenAt: number[] = [];
  /** Rows whose day/value/confidence are null (entities). */
  entityRows = new Set<number>();

  entity(kind: Kind, e: { id: string }, ref: string, parent: string | null, text: string | null): void {
    this.entityRows.add(this.kind.length);
    this.kind.push(kind);
    this.id.push(e.id);
    this.ref.push(ref);
    this.parent.push(parent);
    this.day.push(0);
    this.value.push(0);
    this.confidence.push(0);
    this.text.push(text);
    this.author.push(null);
    this.data.push(JSON.stringify(e));
    this.writtenAt.push(stamp());
  }

  get length(): number {
    return this.kind.length;
  }
}

export function toColumns(b: WriteBatch): Columns {
  const c = new Columns();
  for (const x of b.cycles ?? []) c.entity("cycle", x, x.name, null, null);
  for (const o of b.objectives ?? []) c.entity("objective", o, o.ref, o.cycleId, o.title);
  for (const k of b.keyResults ?? []) c.entity("key_result", k, k.ref, k.objectiveId, k.title);
  for (const x of b.corrections ?? []) c.entity("correction", x, x.checkInId, x.krId, x.note || null);
  for (const u of b.users ?? []) c.entity("user", u, u.name, null, null);
  // Never searchable text: the trail is read whole (okr audit, exports), not searched.
  for (const a of b.audit ?? []) c.entity("audit", a, a.action, a.target, null);
  const checkIns = b.checkIns ?? [];
  if (!checkIns.length) return c;
  // Sized once: pushing a chunk's rows one by one copied each of the eleven arrays as it grew (a
  // third of an import's allocations).
  const from = c.length;
  const { kind, id, ref, parent, day, value, confidence, text, author, data, writtenAt } = c;
  for (const column of [kind, id, ref, parent, day, value, confidence, text, author, data, writtenAt]) column.length = from + checkIns.length;
  // Check-ins of one batch share few dates and usually one creation time: parse each once.
  const days = new Map<string, number>();
  let lastCreated = "",
    lastCreatedMs = 0;
  for (let i = 0, r = from; i < checkIns.length; i++, r++) {
    const x = checkIns[i]!;
    let d = days.get(x.date);
    if (d === undefined) days.set(x.date, (d = parseDay(x.date)));
    if (x.createdAt !== lastCreated) {
      lastCreated = x.createdAt;
      lastCreatedMs = Date.parse(x.createdAt);
    }
    kind[r] = "check_in";
    id[r] = x.id;
    ref[r] = null;
    parent[r] = x.krId;
    day[r] = d;
    value[r] = x.value;
    confidence[r] = x.confidence;
    text[r] = x.note || null;
    author[r] = x.author || null;
    data[r] = null;
    writtenAt[r] = Number.isFinite(lastCreatedMs) ? Math.max(lastCreatedMs, stamp()) : stamp();
  }
  return c;
}

/** Several writes' rows as one set of columns: a drain turns 200 journal entries into one Arrow
 *  table rather than 200 (each a schema, eleven vectors and their data objects, which a server
 *  taking a stream of writes promoted into its old generation at every drain). */
export function concatColumns(parts: readonly Columns[]): Columns {
  if (parts.length === 1) return parts[0]!;
  const c = new Columns();
  const add = <T>(to: T[], from: readonly T[]) => {
    for (const x of from) to.push(x); // not push(...from): an entry can hold any number of rows
  };
  for (const p of parts) {
    const offset = c.kind.length;
    for (const r of p.entityRows) c.entityRows.add(offset + r);
    add(c.kind, p.kind);
    add(c.id, p.id);
    add(c.ref, p.ref);
    add(c.parent, p.parent);
    add(c.day, p.day);
    add(c.value, p.value);
    add(c.confidence, p.confidence);
    add(c.text, p.text);
    add(c.author, p.author);
    add(c.data, p.data);
    add(c.writtenAt, p.writtenAt);
  }
  return c;
}

export function toArrow(c: Columns): ArrowTypes.Table {
  const isEntity = c.entityRows.size ? (i: number) => c.entityRows.has(i) : undefined;
  return new (arrow().Table)(tableSchema(), {
    kind: utf8Column(c.kind),
    id: utf8Column(c.id),
    ref: utf8Column(c.ref),
    parent: utf8Column(c.parent),
    day: int32Column(c.day, isEntity),
    value: float64Column(c.value, isEntity),
    confidence: int32Column(c.confidence, isEntity),
    text: utf8Column(c.text),
    author: utf8Column(c.author),
    data: utf8Column(c.data),
    written_at: float64Column(c.writtenAt),
  } as never);
}

/** Check-in rows read from the table (id, parent, day, value, confidence, text, author,
 *  written_at), and each one's write stamp. */
export function checkInsOf(t: ArrowTypes.Table): { list: CheckIn[]; at: ArrayLike<number> } {
  // Column by column: Arrow's row objects, its per-row lookups across batches, and a date and a
  // timestamp formatted for each row made reading a million check-ins (an export, a re-import)
  // take four seconds. Rows of one write share their time to the millisecond, mostly.
  if (t.numRows === 0) return { list: [], at: [] }; // an empty result may come without columns
  const strings = (n: string) => readRepeatedUtf8(t.getChild(n)! as ArrowTypes.Vector<ArrowTypes.Utf8>);
  const numbers = (n: string) => t.getChild(n)!.toArray() as ArrayLike<number>;
  const [ids, parents, texts, authors] = [strings("id"), strings("parent"), strings("text"), strings("author")];
  const [days, values, confidences, stamps] = [numbers("day"), numbers("value"), numbers("confidence"), numbers("written_at")];
  const list: CheckIn[] = new Array(t.numRows);
  const dates = new Map<number, string>();
  let lastMs = NaN,
    createdAt = "";
  for (let i = 0; i < t.numRows; i++) {
    const day = days[i]!;
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = formatDay(day)));
    const ms = Math.floor(stamps[i]!);
    if (ms !== lastMs) createdAt = new Date((lastMs = ms)).toISOString();
    list[i] = { id: ids[i]!, krId: parents[i]!, date, value: values[i]!, confidence: confidences[i]!, note: texts[i]!, author: authors[i]!, createdAt };
  }
  return { list, at: stamps };
}

/** By date, then as written (`at`, each one's write stamp); the same objects, none copied. */
export function sortCheckIns<T extends { date: string }>(list: readonly T[], at: ArrayLike<number>): T[] {
  const order = Array.from(list, (_, i) => i);
  order.sort((a, b) => {
    const da = list[a]!.date,
      db = list[b]!.date;
    return da < db ? -1 : da > db ? 1 : at[a]! - at[b]!;
  });
  return order.map((i) => list[i]!);
}
