// LanceDB implementation of OkrStore: one append-only `records` table, so that every write is a
// single Lance commit (atomic: readers see all of a batch or none of it) and history is kept.
// This is the only module in the project that imports @lancedb/lancedb.

import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import type * as LanceTypes from "@lancedb/lancedb";
import { formatDay, parseDay } from "../domain/dates.js";
import { OkrError } from "../domain/errors.js";
import type { CheckIn, Cycle, KeyResult, Objective } from "../domain/types.js";
import { arrow, float64Column, int32Column, utf8Column } from "./arrow-columns.js";
import type { CheckInColumns, OkrStore, SearchHit, Snapshot, WriteBatch } from "./store.js";

const require = createRequire(import.meta.url);
const lancedb: typeof LanceTypes = require("@lancedb/lancedb");

const TABLE = "records";
type Kind = "cycle" | "objective" | "key_result" | "check_in";

/** Column layout. Entities keep their full JSON in `data`; check-ins use typed columns so the
 *  million-row scans that build the in-memory index never parse JSON. */
const SCHEMA = new arrow.Schema([
  new arrow.Field("kind", new arrow.Utf8(), true),
  new arrow.Field("id", new arrow.Utf8(), true),
  new arrow.Field("ref", new arrow.Utf8(), true),
  new arrow.Field("parent", new arrow.Utf8(), true),
  new arrow.Field("day", new arrow.Int32(), true),
  new arrow.Field("value", new arrow.Float64(), true),
  new arrow.Field("confidence", new arrow.Int32(), true),
  new arrow.Field("text", new arrow.Utf8(), true),
  new arrow.Field("author", new arrow.Utf8(), true),
  new arrow.Field("data", new arrow.Utf8(), true),
  new arrow.Field("written_at", new arrow.Float64(), true),
]);

interface Row {
  kind: Kind;
  id: string;
  ref: string | null;
  parent: string | null;
  day: number | null;
  value: number | null;
  confidence: number | null;
  text: string | null;
  author: string | null;
  data: string | null;
  writtenAt: number;
}

let lastStamp = 0;
/** Strictly increasing write stamps (epoch ms with sub-ms steps): the latest revision of an entity
 *  is the row with the highest stamp, whatever order a scan returns rows in. */
function stamp(): number {
  const now = Date.now();
  lastStamp = now > lastStamp ? now : lastStamp + 0.001;
  return lastStamp;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export class LanceStore implements OkrStore {
  private db: LanceTypes.Connection | null = null;
  private table: LanceTypes.Table | null = null;

  private constructor(readonly dir: string) {}

  /** Opening is lazy: a directory that is missing or empty is not touched until the first write,
   *  so a refused import into a new directory leaves nothing behind. */
  static async open(dir: string): Promise<LanceStore> {
    const info = await stat(dir).catch(() => null);
    if (info && !info.isDirectory()) throw new OkrError("invalid_input", `The data directory ${dir} is a file, not a directory: pass --data DIR (or set OKR_DATA_DIR) to a folder.`);
    const store = new LanceStore(dir);
    if (await hasEntries(dir)) await store.connect();
    return store;
  }

  private async connect(): Promise<LanceTypes.Connection> {
    if (this.db) return this.db;
    try {
      // Interval 0: every read checks for commits made by other processes (the CLI next to a server).
      this.db = await lancedb.connect(this.dir, { readConsistencyInterval: 0 });
      return this.db;
    } catch (e) {
      throw new OkrError("internal", `Cannot open the data directory ${this.dir}: ${(e as Error).message}`, { cause: e });
    }
  }

  private async ensureTable(): Promise<LanceTypes.Table> {
    if (this.table) return this.table;
    const db = await this.connect();
    const names = await db.tableNames();
    this.table = names.includes(TABLE)
      ? await db.openTable(TABLE)
      : await db.createEmptyTable(TABLE, SCHEMA, { mode: "create", existOk: true });
    return this.table;
  }

  private async refreshTable(): Promise<LanceTypes.Table | null> {
    if (this.table) return this.table;
    if (!this.db && !(await hasEntries(this.dir))) return null;
    const db = await this.connect();
    if ((await db.tableNames()).includes(TABLE)) this.table = await db.openTable(TABLE);
    return this.table;
  }

  async version(): Promise<number> {
    const t = await this.refreshTable();
    return t ? t.version() : 0;
  }

  async commit(batch: WriteBatch): Promise<number> {
    const rows = toRows(batch);
    const table = await this.ensureTable();
    if (rows.length === 0) return table.version();
    const result = await table.add(toArrow(rows));
    await this.ensureSearchIndex(table);
    return result.version;
  }

  private async ensureSearchIndex(table: LanceTypes.Table): Promise<void> {
    const indices = await table.listIndices();
    if (indices.some((i) => i.columns.includes("text"))) return;
    // asciiFolding lets "viet" find "Việt": people often type Vietnamese without diacritics.
    await table.createIndex("text", { config: lancedb.Index.fts({ asciiFolding: true, withPosition: false }) });
  }

  async load(): Promise<Snapshot> {
    const table = await this.refreshTable();
    if (!table) return { version: 0, cycles: [], objectives: [], keyResults: [], checkIns: emptyColumns() };
    const version = await table.version();
    const entities = await table.query().where("kind <> 'check_in'").select(["kind", "id", "data", "written_at"]).toArrow();
    // A table created but never written to (a crash between the two) reads back without columns.
    if (entities.numRows === 0) return { version, cycles: [], objectives: [], keyResults: [], checkIns: emptyColumns() };
    const latest = new Map<string, { kind: Kind; data: string; at: number }>();
    const kinds = entities.getChild("kind")!, ids = entities.getChild("id")!, datas = entities.getChild("data")!, ats = entities.getChild("written_at")!;
    for (let i = 0; i < entities.numRows; i++) {
      const id = ids.get(i) as string, at = ats.get(i) as number;
      const seen = latest.get(id);
      if (!seen || at > seen.at) latest.set(id, { kind: kinds.get(i) as Kind, data: datas.get(i) as string, at });
    }
    const cycles: Cycle[] = [], objectives: Objective[] = [], keyResults: KeyResult[] = [];
    for (const { kind, data } of latest.values()) {
      const parsed = JSON.parse(data);
      if (kind === "cycle") cycles.push(parsed);
      else if (kind === "objective") objectives.push(parsed);
      else if (kind === "key_result") keyResults.push(parsed);
    }
    const ci = await table.query().where("kind = 'check_in'").select(["parent", "day", "value", "confidence", "written_at"]).toArrow();
    const n = ci.numRows;
    if (n === 0) return { version, cycles, objectives, keyResults, checkIns: emptyColumns() };
    const parents = ci.getChild("parent")!;
    const krIds = new Array<string>(n);
    for (let i = 0; i < n; i++) krIds[i] = parents.get(i) as string;
    return {
      version,
      cycles,
      objectives,
      keyResults,
      checkIns: {
        krIds,
        days: Int32Array.from(ci.getChild("day")!.toArray() as ArrayLike<number>),
        values: Float64Array.from(ci.getChild("value")!.toArray() as ArrayLike<number>),
        confidences: Int32Array.from(ci.getChild("confidence")!.toArray() as ArrayLike<number>),
        createdAt: Float64Array.from(ci.getChild("written_at")!.toArray() as ArrayLike<number>),
      },
    };
  }

  async checkIns(krIds?: readonly string[]): Promise<CheckIn[]> {
    const table = await this.refreshTable();
    if (!table || (krIds && krIds.length === 0)) return [];
    let where = "kind = 'check_in'";
    if (krIds) where += ` AND parent IN (${krIds.map(sqlString).join(", ")})`;
    const rows = await table.query().where(where).select(["id", "parent", "day", "value", "confidence", "text", "author", "written_at"]).toArray();
    return rows
      .map((r) => ({
        id: r.id as string,
        krId: r.parent as string,
        date: formatDay(r.day as number),
        value: r.value as number,
        confidence: r.confidence as number,
        note: (r.text as string | null) ?? "",
        author: (r.author as string | null) ?? "",
        createdAt: new Date(r.written_at as number).toISOString(),
        at: r.written_at as number,
      }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.at - b.at))
      .map(({ at: _at, ...c }) => c);
  }

  async search(text: string, limit: number): Promise<SearchHit[]> {
    const table = await this.refreshTable();
    if (!table || !text.trim()) return [];
    const rows = await table.query().fullTextSearch(text).select(["kind", "id", "parent", "text"]).limit(limit).toArray();
    return rows.map((r) => ({
      kind: r.kind as SearchHit["kind"],
      entityId: (r.kind === "check_in" ? r.parent : r.id) as string,
      text: (r.text as string | null) ?? "",
      score: (r._score as number | undefined) ?? 0,
    }));
  }

  async optimize(): Promise<void> {
    const table = await this.refreshTable();
    if (table) await table.optimize();
  }

  async close(): Promise<void> {
    this.table?.close();
    this.db?.close();
  }
}

async function hasEntries(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

function emptyColumns(): CheckInColumns {
  return { krIds: [], days: new Int32Array(0), values: new Float64Array(0), confidences: new Int32Array(0), createdAt: new Float64Array(0) };
}

function entityRow(kind: Kind, e: { id: string }, ref: string, parent: string | null, text: string | null): Row {
  return { kind, id: e.id, ref, parent, day: null, value: null, confidence: null, text, author: null, data: JSON.stringify(e), writtenAt: stamp() };
}

function toRows(b: WriteBatch): Row[] {
  const rows: Row[] = [];
  for (const c of b.cycles ?? []) rows.push(entityRow("cycle", c, c.name, null, null));
  for (const o of b.objectives ?? []) rows.push(entityRow("objective", o, o.ref, o.cycleId, o.title));
  for (const k of b.keyResults ?? []) rows.push(entityRow("key_result", k, k.ref, k.objectiveId, k.title));
  for (const c of b.checkIns ?? []) {
    const at = Date.parse(c.createdAt);
    rows.push({
      kind: "check_in", id: c.id, ref: null, parent: c.krId, day: parseDay(c.date), value: c.value, confidence: c.confidence,
      text: c.note || null, author: c.author || null, data: null, writtenAt: Number.isFinite(at) ? Math.max(at, stamp()) : stamp(),
    });
  }
  return rows;
}

function toArrow(rows: Row[]): LanceTypes.Data {
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  const nums = (k: "day" | "value" | "confidence" | "writtenAt") => rows.map((r) => r[k] ?? 0);
  const isNull = (k: "day" | "value" | "confidence") => (i: number) => rows[i]![k] === null;
  return new arrow.Table(SCHEMA, {
    kind: utf8Column(col("kind")),
    id: utf8Column(col("id")),
    ref: utf8Column(col("ref")),
    parent: utf8Column(col("parent")),
    day: int32Column(nums("day"), isNull("day")),
    value: float64Column(nums("value"), isNull("value")),
    confidence: int32Column(nums("confidence"), isNull("confidence")),
    text: utf8Column(col("text")),
    author: utf8Column(col("author")),
    data: utf8Column(col("data")),
    written_at: float64Column(nums("writtenAt")),
  } as never) as unknown as LanceTypes.Data;
}
