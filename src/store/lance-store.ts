// LanceDB implementation of OkrStore: one append-only `records` table, so that every write is a
// single Lance commit (atomic: readers see all of a batch or none of it) and history is kept.
// This is the only module in the project that imports @lancedb/lancedb.

import { readdir, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import type * as LanceTypes from "@lancedb/lancedb";
import type * as ArrowTypes from "apache-arrow";
import { parseDay } from "../domain/dates.js";
import { OkrError } from "../domain/errors.js";
import { foldText } from "../domain/resolve.js";
import type { AuditEntry, CheckIn, CheckInCorrection, Cycle, EffectiveCheckIn, KeyResult, Objective, User } from "../domain/types.js";
import { checkInColumns, checkInsOf, concatColumns, emptyColumns, ipcFile, joined, sortCheckIns, toArrow, toColumns, tableSchema, type Kind } from "./rows.js";
import type { CheckInColumns, Committed, OkrStore, SearchHit, Snapshot, StagedWrite, WriteBatch } from "./store.js";
import { DirectoryFlusher } from "./flush.js";
import { withDirLock } from "./dir-lock.js";
import { isLocalPath } from "../paths.js";
import { SNAPSHOT_FILE, readSnapshotCache, readSnapshotCacheIf, writeSnapshotCache, type CacheKey } from "./snapshot-cache.js";
import { JOURNAL_FILE, Journal, type JournalEntry } from "./journal.js";
import { upToJournal } from "./journal-replay.js";
import { drainInOwnProcess } from "./drain-process.js";
import { forgetIndexLeft, indexLeftRecently, noteIndexLeft } from "./index-note.js";

const require = createRequire(import.meta.url);
let lance: typeof LanceTypes | null = null;
/** Loaded on first use: a command answered from the snapshot cache and the journal never opens
 *  the table (loading LanceDB and Arrow is about 70 ms of a cold command). */
const lancedb = (): typeof LanceTypes => (lance ??= require("@lancedb/lancedb") as typeof LanceTypes);

const TABLE = "records";
const COMPACT_EVERY = 50;
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export class LanceStore implements OkrStore {
  private db: LanceTypes.Connection | null = null;
  private table: LanceTypes.Table | null = null;

  /** fsyncs what each commit wrote (local directories only): see flush.ts. */
  readonly flusher: DirectoryFlusher | null;

  private readonly local: boolean;
  /** Where a local folder's writes are acknowledged (journal.ts); object storage has none. */
  private readonly journal: Journal | null;

  private constructor(
    readonly dir: string,
    private readonly storageOptions: Record<string, string>,
  ) {
    this.local = isLocalPath(dir);
    this.flusher = this.local ? new DirectoryFlusher(dir, isOwnAside) : null;
    this.journal = this.local ? new Journal(dir) : null;
  }

  /** Opening is lazy: a directory that is missing or empty is not touched until the first write,
   *  so a refused import into a new directory leaves nothing behind. */
  static async open(dir: string, opts: { storageOptions?: Record<string, string> } = {}): Promise<LanceStore> {
    // An object-store URI (s3://bucket/path, s3+ddb://…, gs://, az://): LanceDB reads and writes it
    // directly; there is no folder to check, and a PUT is durable once acknowledged.
    if (!isLocalPath(dir)) return new LanceStore(dir, opts.storageOptions ?? {});
    const info = await stat(dir).catch(() => null);
    if (info && !info.isDirectory())
      throw new OkrError("invalid_input", `The data directory ${dir} is a file, not a directory: pass --data DIR (or set OKR_DATA_DIR) to a folder.`);
    // Connected on first use: a read answered from the snapshot cache never loads LanceDB.
    return new LanceStore(dir, opts.storageOptions ?? {});
  }

  /** Whether `dir` holds a workspace (its table), without opening anything: a missing or empty
   *  folder, or one with something else in it, does not. */
  static async holdsWorkspace(dir: string): Promise<boolean> {
    if (!isLocalPath(dir)) return true; // checked when the table is opened
    return exists(join(dir, `${TABLE}.lance`));
  }

  private async connect(): Promise<LanceTypes.Connection> {
    if (this.db) return this.db;
    try {
      // Interval 0: every read checks for commits made by other processes (the CLI next to a server).
      this.db = await lancedb().connect(this.dir, { readConsistencyInterval: 0, storageOptions: this.storageOptions });
      return this.db;
    } catch (e) {
      throw new OkrError("internal", `Cannot open the data directory ${this.dir}: ${(e as Error).message}`, { cause: e });
    }
  }

  private async ensureTable(): Promise<LanceTypes.Table> {
    const existing = await this.refreshTable();
    if (existing) return existing;
    const db = await this.connect();
    this.table = await db.createEmptyTable(TABLE, tableSchema(), { mode: "create", existOk: true });
    return this.table;
  }

  private async refreshTable(): Promise<LanceTypes.Table | null> {
    if (this.table) return this.table;
    if (!this.db && this.local && !(await hasEntries(this.dir))) return null;
    const db = await this.connect();
    // On object storage with a commit store (s3+ddb://) LanceDB 0.31 lists no tables: open by name.
    if (this.local && !(await db.tableNames()).includes(TABLE)) return null;
    try {
      this.table = await db.openTable(TABLE);
    } catch (e) {
      if (!this.local && /not found|does not exist|was not found/i.test((e as Error).message)) return null;
      // A process killed while creating the table leaves its folder without a single committed
      // version: no data was ever acknowledged there. Set it aside so the store opens as empty.
      const folder = join(this.dir, `${TABLE}.lance`);
      if (this.local && !(await exists(join(folder, "_versions")))) {
        await rename(folder, `${folder}.incomplete-${Date.now()}`);
        return null;
      }
      throw e;
    }
    return this.table;
  }

  /** The table is append-only, so its row count identifies the data; compaction and index
   *  updates make new Lance versions but leave the count (and so the callers' caches) alone. With
   *  a journal, the rows it holds count too (the table's count once they are drained). */
  async version(): Promise<number> {
    const j = this.journal?.read();
    if (j) return j.base + j.rows;
    const t = await this.refreshTable();
    return t ? this.rowCount(t) : 0;
  }

  private async rowCount(table: LanceTypes.Table): Promise<number> {
    return this.retrying(() => table.countRows());
  }

  /** On a local folder that holds a table, a write is one fsynced line in the journal (drained
   *  into the table later, see drain); elsewhere, and for the first write, one Lance commit. */
  async commit(batch: WriteBatch): Promise<Committed> {
    const journal = this.journal;
    // Opened even when the journal takes the write: a damaged table fails the write then and there
    // (exit 2), rather than at a drain after the write was acknowledged. A server has it open
    // already (prepareForWrites), and a CLI command opens it anyway to drain at exit.
    const table = journal ? await this.refreshTable() : null;
    const cols = toColumns(batch);
    if (!journal || !table || cols.length === 0) {
      const staged = this.stage();
      staged.add(batch);
      return staged.commit();
    }
    return journal.withLock(async () => {
      await this.ensureJournal(table);
      const { before, after } = journal.append(cols);
      this.appended = true;
      this.drainSoon();
      return { version: after, basedOn: before, checkInStamps: Float64Array.from(cols.writtenAt.slice(cols.entityRows.size)) };
    });
  }

  /** Under the journal's lock: a journal on top of what `table` holds, if there is none yet (a
   *  workspace written by an earlier version, or just created). */
  private async ensureJournal(table: LanceTypes.Table): Promise<void> {
    if (!this.journal!.read()) this.journal!.reset(await this.rowCount(table));
  }

  /** The storage engine, the table and its manifest: a server's first write otherwise loads them
   *  (about 26 MB of native code and caches, and 50 ms). On a local folder the journal is then
   *  drained by processes of their own (drain-process.ts): the server only appends to it. */
  async prepareForWrites(): Promise<void> {
    await this.openForWrites();
    this.drainElsewhere = this.journal !== null;
  }
  private async openForWrites(): Promise<void> {
    const table = await this.refreshTable();
    if (table) await this.rowCount(table);
  }
  /** A drain process's work (drain-main.ts): the table is opened before the journal's lock is
   *  taken, so that the server's writes do not wait on that lock while LanceDB loads. */
  async drainHere(): Promise<void> {
    await this.openForWrites();
    await this.drain();
  }
  private drainElsewhere = false;
  /** Tests: the script a drain process runs (drain-process.ts's entry by default). */
  static drainScript: string | undefined = undefined;

  /** Journal entries are drained into the table once this many are waiting, or `drainAfterMs`
   *  after the last write, or when the store closes, or before a read the table must answer. */
  static drainEvery = 200;
  static drainAfterMs = 1_000;
  /** Tests: runs between a drain's commit and the journal's reset (throw to act out a crash). */
  static beforeJournalReset: (() => void) | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  /** This process appended to the journal: it drains before it exits. */
  private appended = false;
  private draining: Promise<void> | null = null;

  private drainSoon(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    if ((this.journal?.read()?.entries.length ?? 0) >= LanceStore.drainEvery) {
      void this.drainInBackground();
      return;
    }
    this.drainTimer = setTimeout(() => void this.drainInBackground(), LanceStore.drainAfterMs);
    this.drainTimer.unref(); // never what keeps a process alive: close() drains
  }

  private drainInBackground(): Promise<void> {
    this.draining ??= this.drain()
      .catch((e) => LanceStore.warn(`the journal could not be moved into the table (${(e as Error).message}); nothing was lost, it is retried.`))
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }

  /** Moves the journal's entries into the table in one commit, then empties the journal. */
  async drain(): Promise<void> {
    // One already under way (in the background) may leave nothing to do: no second process.
    if (this.draining) await this.draining;
    if (!this.journal?.read()?.entries.length) return;
    if (this.drainElsewhere) return drainInOwnProcess(this.dir, { entry: LanceStore.drainScript });
    await this.journal.withLock(() => this.drainLocked());
  }

  private async drainLocked(): Promise<void> {
    const journal = this.journal!;
    const j = journal.read();
    if (!j?.entries.length) return;
    const table = await this.ensureTable();
    const rows = await this.rowCount(table);
    // At base + rows, a drain committed them and was stopped before the reset: they are in.
    let todo: readonly JournalEntry[] = rows === j.base + j.rows ? [] : j.entries;
    if (rows !== j.base && todo.length) todo = await unlanded(table, todo);
    if (todo.length) {
      const cols = concatColumns(todo.map((e) => e.cols));
      await this.addParts([toArrow(cols)], cols.length);
    }
    LanceStore.beforeJournalReset?.();
    journal.reset(await this.rowCount(table));
  }

  stage(): StagedWrite {
    let parts: ArrowTypes.Table[] = [];
    let size = 0,
      checkIns = 0;
    // Per batch: an import's million stamps pushed one by one copied the array as it grew.
    const stamps: Float64Array[] = [];
    return {
      add(batch: WriteBatch) {
        const columns = toColumns(batch);
        if (columns.length === 0) return;
        parts.push(toArrow(columns));
        size += columns.length;
        const first = columns.entityRows.size; // entity rows come first, then check-ins
        const mine = new Float64Array(columns.length - first);
        for (let i = 0; i < mine.length; i++) mine[i] = columns.writtenAt[first + i]!;
        stamps.push(mine);
        checkIns += mine.length;
      },
      get size() {
        return size;
      },
      commit: () => {
        const taken = parts;
        parts = [];
        return this.commitParts(taken, size).then((c) => {
          const checkInStamps = new Float64Array(checkIns);
          let at = 0;
          for (const s of stamps) checkInStamps.set(s, (at += s.length) - s.length);
          return { ...c, checkInStamps };
        });
      },
    };
  }

  /** A commit straight to the table (an import, the first write, object storage). On a local
   *  folder it takes the journal's lock, drains it and removes it during the commit (version() is
   *  then the table's row count, whatever happens), and starts an empty one on top of it. */
  private async commitParts(parts: ArrowTypes.Table[], rows: number): Promise<{ version: number; basedOn: number }> {
    const journal = this.journal;
    if (!journal) return this.addParts(parts, rows);
    // A folder not made yet has no journal, and is not created for a lock: the commit creates it.
    if (!(await exists(this.dir))) {
      const done = await this.addParts(parts, rows);
      // The new workspace's journal, on top of what the table holds now (see loadWithoutTable).
      const table = await this.ensureTable();
      await journal.withLock(() => this.ensureJournal(table));
      return done;
    }
    return journal.withLock(async () => {
      await this.drainLocked();
      if (journal.read()) journal.remove();
      const done = await this.addParts(parts, rows);
      // A new journal on top: version() reads a file rather than asking the table.
      journal.reset(done.version);
      return done;
    });
  }

  /** `parts` is emptied once they are encoded for the commit, so that their memory can go. */
  private async addParts(parts: ArrowTypes.Table[], rows: number): Promise<{ version: number; basedOn: number }> {
    await this.flusher?.before();
    const table = await this.ensureTable();
    const before = await this.rowCount(table);
    if (rows === 0) return { version: before, basedOn: before };
    const stampOf = parts[0]!.getChild("written_at")!.get(0) as number;
    const add = appender(table, parts);
    const { version: lanceVersion } = await this.retrying(
      add,
      // Retried only if the rows did not land: each row's write stamp is unique.
      async () => (await table.query().where(`written_at = ${stampOf}`).limit(1).toArray()).length === 0,
    );
    const after = await this.rowCount(table);
    // Acknowledged only once on disk: the commit's files, its manifest and their directories.
    await this.flusher?.after();
    // Index and compaction work happens after the write, in the background: a slow or stuck index
    // build (seen at 160,000 KRs) can no longer hold a check-in or an import.
    this.ensureSearchIndex(table);
    this.maybeCompact(table, lanceVersion);
    if (++this.commitsOnHandle >= LanceStore.recycleEvery) this.recycleHandles();
    // Anything but exactly our rows on top of `before` means another writer got in between.
    return { version: after, basedOn: after === before + rows ? before : -1 };
  }

  private compacting: Promise<void> | null = null;
  private commitsOnHandle = 0;
  /** A LanceDB table handle grows with every version it commits (about 0.15 MB a write, outside the
   *  JS heap, and not in the session caches): a server's memory climbed with each check-in. Every
   *  `recycleEvery` commits the store opens fresh handles and closes the old ones once whatever
   *  still uses them (a scan, a compaction) has had `retireAfterMs` to finish. */
  static recycleEvery = 200;
  static retireAfterMs = 30_000;
  /** What close() waits for the background work before leaving it (it is safe to abandon: a Lance
   *  commit is atomic, an unfinished index or compaction simply did not happen). */
  static maintenanceWaitMs = 10_000;
  /** What close() waits for an index build (see close). */
  static indexWaitMs = 2_000;
  /** Where background failures are reported; they lose nothing and are retried later. */
  static warn = (message: string): void => {
    process.stderr.write(`okr: warning: ${message}\n`);
  };

  /** Every COMPACT_EVERY-th commit (counted across processes by Lance version) compacts the many
   *  one-row fragments that check-ins create and folds new rows into the search index, in the
   *  background; close() waits for it. */
  private maybeCompact(table: LanceTypes.Table, lanceVersion: number): void {
    if (lanceVersion % COMPACT_EVERY !== 0 || this.compacting) return;
    this.compacting = table
      .optimize()
      // A compacted version becomes the latest: its files must be on disk as much as a commit's.
      .then(() => this.flusher?.after())
      .then(
        () => undefined,
        (e) => LanceStore.warn(`compaction failed (${(e as Error).message}); nothing was lost, the next one retries.`),
      )
      .finally(() => {
        this.compacting = null;
      });
  }

  private recycleHandles(): void {
    const { table, db } = this;
    this.table = null;
    this.db = null;
    this.commitsOnHandle = 0;
    void Promise.resolve(this.compacting).then(() => {
      setTimeout(() => {
        table?.close();
        db?.close();
      }, LanceStore.retireAfterMs).unref();
    });
  }

  /** Number of data fragments: what compaction keeps small. */
  async fragmentCount(): Promise<number> {
    const t = await this.refreshTable();
    return t ? (await t.stats()).fragmentStats.numFragments : 0;
  }

  private hasSearchIndex = false;
  /** No build in this process: a recent one was left unfinished at about this size (index-note.ts). */
  private indexPutOff = false;
  private indexing: Promise<void> | null = null;
  private indexStartedAt = 0;

  /** Builds the full-text index in the background when the table has none (the first write of a
   *  workspace, or one whose earlier build never finished); rows written later are found anyway
   *  and folded in by compaction. Never awaited by a write. */
  private ensureSearchIndex(table: LanceTypes.Table): void {
    if (this.hasSearchIndex || this.indexPutOff || this.indexing) return;
    this.indexStartedAt = Date.now();
    this.indexing = (async () => {
      if ((await table.listIndices()).some((i) => i.columns.includes("text"))) return true;
      if (this.local && (await indexLeftRecently(this.dir, await this.rowCount(table)))) return false;
      // asciiFolding lets "viet" find "Việt": people often type Vietnamese without diacritics.
      await table.createIndex("text", { config: lancedb().Index.fts({ asciiFolding: true, withPosition: false }) });
      await this.flusher?.after();
      if (this.local) await forgetIndexLeft(this.dir);
      return true;
    })()
      .then(
        (built) => {
          this.hasSearchIndex = built;
          this.indexPutOff = !built;
        },
        (e) => LanceStore.warn(`the search index could not be built (${(e as Error).message}); search reads the notes directly until it is.`),
      )
      .finally(() => {
        this.indexing = null;
      });
  }

  /**
   * Object storage with a commit store (s3+ddb://): while another instance commits, LanceDB can look
   * for the newest manifest at its final path a moment before it is copied there, and fail with
   * "Object at location … not found" (seen about once in six runs of two concurrent writers). That
   * is transient: the operation is retried a few times, after 20, 40, 80… ms. A write is retried
   * only when `notLanded` says its rows are not there.
   */
  private async retrying<T>(op: () => Promise<T>, notLanded: () => Promise<boolean> = async () => true): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await op();
      } catch (e) {
        if (this.local || attempt >= 4 || !/Object at location .* not found/.test((e as Error).message) || !(await notLanded())) throw e;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }
  }

  /** The background work under way: a drain, compaction, the index build, the snapshot cache. */
  private background(): Promise<unknown> {
    return Promise.all([this.draining, this.compacting, this.indexing, this.caching]);
  }

  async idle(): Promise<void> {
    await this.background();
  }

  /** Waits for background work (all of it, or `work`) at most `ms`; false when it is still running. */
  private async settle(ms: number, work: Promise<unknown> = this.background()): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([work.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
    clearTimeout(timer);
    return done;
  }

  async load(): Promise<Snapshot> {
    if (this.local) {
      const quick = await this.loadWithoutTable();
      if (quick) return quick;
    }
    const table = await this.refreshTable();
    if (!table) return { version: 0, cycles: [], objectives: [], keyResults: [], users: [], checkIns: emptyColumns() };
    if (!this.local) return this.scan(table);
    for (let attempt = 0; ; attempt++) {
      const snapshot = await this.loadTable(table);
      // Read after the table: entries drained since are then in the table read, or still here.
      const j = this.journal!.read();
      if (!j?.entries.length) return snapshot;
      const current = upToJournal(snapshot, j);
      if (current) return current;
      // Corrections are drained first. Or the table moved on while it was read.
      if (attempt === 2) {
        LanceStore.warn("the journal and the table kept moving while they were read; the table was read without the newest writes.");
        return snapshot;
      }
      await this.drain();
    }
  }

  /**
   * A load without reading the table (a new process never even opens it): the snapshot cache, with the journal on top.
   * Every change of a local table's rows goes through the journal (appends and their drains, and
   * imports, which leave a new journal on top), so the journal's base (the table's row count when
   * it was last reset) says which rows the table holds: a snapshot of `base` rows is the table,
   * and one of base + the entries' rows is the table after a drain cut short before its reset. The
   * table is append-only, so its row count identifies its rows; compaction and index builds, which
   * make new table versions, change no row and need not invalidate the snapshot here.
   */
  private async loadWithoutTable(): Promise<Snapshot | null> {
    const j = this.journal!.read();
    if (!j || j.entries.some((e) => e.corrects)) return null; // not worth reading the file for
    const hit = await readSnapshotCacheIf(join(this.dir, SNAPSHOT_FILE), (k) => k.rows === j.base || k.rows === j.base + j.rows);
    const snapshot = hit && upToJournal(hit.snapshot, j);
    if (!snapshot) return null;
    this.loadedFrom = "cache";
    this.cachedKey = hit.key;
    return snapshot;
  }

  /** The table as it stands: from the snapshot cache when it is of exactly this version. */
  private async loadTable(table: LanceTypes.Table): Promise<Snapshot> {
    const key = await cacheKeyOf(table);
    const cached = await readSnapshotCache(join(this.dir, SNAPSHOT_FILE), key);
    this.loadedFrom = cached ? "cache" : "table";
    if (cached) {
      this.cachedKey = key;
      return cached;
    }
    const snapshot = await this.scan(table);
    // Kept only if nobody wrote during the scan (a snapshot must be of exactly one version).
    if (snapshot.version === key.rows && (await table.version()) === key.tableVersion) this.cache(key, snapshot);
    return snapshot;
  }

  /** The key of the snapshot cache file as this store last read or wrote it. */
  private cachedKey: CacheKey | null = null;

  private cache(key: CacheKey, snapshot: Snapshot): void {
    if (this.caching) return;
    this.caching = writeSnapshotCache(join(this.dir, SNAPSHOT_FILE), key, snapshot)
      .then(() => {
        this.cachedKey = key;
      })
      // A cache that cannot be written (a read-only folder, a full disk) only costs speed.
      .catch(() => undefined)
      .finally(() => {
        this.caching = null;
      });
  }

  async exclusive<T>(name: string, fn: () => Promise<T>, waiting?: (pid: number) => void): Promise<T> {
    // A folder that does not exist yet is not created for a lock (a refused import leaves nothing).
    if (!this.local || !(await exists(this.dir))) return fn();
    return withDirLock(this.dir, name, fn, { waiting });
  }

  /** Kept until close(), which writes it once the index build and compaction (each a new table
   *  version) are done, so that it is keyed by the version the next process will find. */
  async offerSnapshot(version: number, make: () => Snapshot): Promise<void> {
    if (this.local) this.offered = { version, make };
  }

  async saveSnapshot(version: number, make: () => Snapshot): Promise<boolean> {
    if (!this.local) return true;
    await this.drain(); // the snapshot is of the table
    if (this.busy()) return false;
    this.offered = { version, make };
    await this.writeOffered();
    return true;
  }

  private offered: { version: number; make: () => Snapshot } | null = null;

  /** Whether background work that makes new table versions holds back a snapshot. Not with a
   *  journal: a snapshot is then taken up by its row count alone (loadWithoutTable), which an index
   *  build or a compaction does not change (at 160,000 KRs the index build never finished, so an
   *  import left no snapshot and the next command read the table: 3.6 s). */
  private busy(): boolean {
    return (this.indexing !== null || this.compacting !== null) && !this.journal?.read();
  }

  private async writeOffered(): Promise<void> {
    const offer = this.offered;
    this.offered = null;
    const table = this.table;
    if (!offer || !table || this.busy()) return;
    await this.caching;
    const key = await cacheKeyOf(table);
    if (key.rows !== offer.version || (this.cachedKey?.tableVersion === key.tableVersion && this.cachedKey.rows === key.rows)) return;
    this.cache(key, offer.make());
    await this.caching;
  }

  private caching: Promise<void> | null = null;
  /** Where the last load() read from: the snapshot cache (snapshot-cache.ts) or the table. */
  loadedFrom: "cache" | "table" | null = null;

  /** Everything, read from the table itself. */
  private async scan(table: LanceTypes.Table): Promise<Snapshot> {
    const version = await this.rowCount(table);
    // Both scans at once; the check-in scan has no filter (a filter cost a third of the time):
    // entity rows are told apart by their null day.
    const [entities, ci] = await this.retrying(() =>
      Promise.all([
        table.query().where("kind NOT IN ('check_in', 'audit')").select(["kind", "id", "data", "written_at"]).toArrow(),
        table.query().select(["parent", "day", "value", "confidence", "written_at"]).toArrow(),
      ]),
    );
    const cycles: Cycle[] = [],
      objectives: Objective[] = [],
      keyResults: KeyResult[] = [],
      users: User[] = [];
    const corrections: { c: CheckInCorrection; at: number }[] = [];
    // A table created but never written to (a crash between the two) reads back without columns.
    if (entities.numRows > 0) {
      const latest = new Map<string, { kind: Kind; data: string; at: number }>();
      const kinds = entities.getChild("kind")!,
        ids = entities.getChild("id")!,
        datas = entities.getChild("data")!,
        ats = entities.getChild("written_at")!;
      // numRows is a getter summing over every batch: read it once, never in a loop condition.
      for (let i = 0, n = entities.numRows; i < n; i++) {
        const id = ids.get(i) as string,
          at = ats.get(i) as number;
        const seen = latest.get(id);
        if (!seen || at > seen.at) latest.set(id, { kind: kinds.get(i) as Kind, data: datas.get(i) as string, at });
      }
      for (const { kind, data, at } of latest.values()) {
        const parsed = JSON.parse(data);
        if (kind === "cycle") cycles.push(parsed);
        else if (kind === "objective") objectives.push(parsed);
        else if (kind === "key_result") keyResults.push(parsed);
        else if (kind === "correction") corrections.push({ c: parsed, at });
        else if (kind === "user") users.push(parsed);
      }
    }
    let checkIns = ci.numRows > 0 ? checkInColumns(ci) : emptyColumns();
    if (corrections.length) checkIns = await this.correctColumns(table, checkIns, latestCorrections(corrections));
    return { version, cycles, objectives, keyResults, users, checkIns };
  }

  /** Applies corrections to scanned columns. The scan carries no check-in ids (a million of them
   *  cost 0.4 s to decode), so the few corrected check-ins are looked up by id to learn their KR and
   *  write stamp, which identify their rows in the scan. */
  private async correctColumns(table: LanceTypes.Table, cols: CheckInColumns, latest: Map<string, CheckInCorrection>): Promise<CheckInColumns> {
    const ids = [...latest.keys()];
    const rows = await table
      .query()
      .where(`kind = 'check_in' AND id IN (${ids.map(sqlString).join(", ")})`)
      .select(["id", "parent", "written_at"])
      .toArray();
    const byStamp = new Map<number, { krId: string; fix: CheckInCorrection }>();
    for (const r of rows) byStamp.set(r.written_at as number, { krId: r.parent as string, fix: latest.get(r.id as string)! });
    const out: CheckInColumns = {
      krIds: [],
      days: new Int32Array(cols.days.length),
      values: new Float64Array(cols.values.length),
      confidences: new Int32Array(cols.confidences.length),
      createdAt: new Float64Array(cols.createdAt.length),
    };
    let k = 0;
    for (let i = 0, n = cols.krIds.length; i < n; i++) {
      const hit = byStamp.get(cols.createdAt[i]!);
      let day = cols.days[i]!,
        value = cols.values[i]!,
        confidence = cols.confidences[i]!;
      if (hit && hit.krId === cols.krIds[i]) {
        if (hit.fix.action === "retract") continue;
        if (hit.fix.date !== undefined) day = parseDay(hit.fix.date);
        value = hit.fix.value ?? value;
        confidence = hit.fix.confidence ?? confidence;
      }
      out.krIds.push(cols.krIds[i]!);
      out.days[k] = day;
      out.values[k] = value;
      out.confidences[k] = confidence;
      out.createdAt[k++] = cols.createdAt[i]!;
    }
    return {
      krIds: out.krIds,
      days: out.days.subarray(0, k),
      values: out.values.subarray(0, k),
      confidences: out.confidences.subarray(0, k),
      createdAt: out.createdAt.subarray(0, k),
    };
  }

  /** The table, for a read that the table answers (notes, search, exports, the audit trail): with
   *  the journal's entries moved into it first. */
  private async tableWithJournal(): Promise<LanceTypes.Table | null> {
    await this.drain();
    return this.refreshTable();
  }

  async checkIns(krIds?: readonly string[], since?: string): Promise<EffectiveCheckIn[]> {
    const table = await this.tableWithJournal();
    if (!table || (krIds && krIds.length === 0)) return [];
    const latest = latestCorrections(await this.correctionRows(table, krIds));
    // A correction may move a check-in into the window: fetch corrected ones whatever their date.
    let where = since ? `day >= ${parseDay(since)}` : "";
    if (since && latest.size) where = `(${where} OR id IN (${[...latest.keys()].map(sqlString).join(", ")}))`;
    const { list, at } = await this.rawCheckIns(table, krIds, where);
    const out: EffectiveCheckIn[] = [],
      outAt: number[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      const fix = latest.get(c.id);
      let effective: EffectiveCheckIn = c;
      if (fix?.action === "correct")
        effective = {
          ...c,
          date: fix.date ?? c.date,
          value: fix.value ?? c.value,
          confidence: fix.confidence ?? c.confidence,
          note: fix.note ?? c.note,
          correctedFrom: { value: c.value, confidence: c.confidence, date: c.date, note: c.note },
        };
      else if (fix) continue; // deleted
      if (since && effective.date < since) continue;
      out.push(effective);
      outAt.push(at[i]!);
    }
    return sortCheckIns(out, outAt);
  }

  async checkInsAsWritten(krIds?: readonly string[]): Promise<CheckIn[]> {
    const table = await this.tableWithJournal();
    if (!table || (krIds && krIds.length === 0)) return [];
    const { list, at } = await this.rawCheckIns(table, krIds, "");
    return sortCheckIns(list, at);
  }

  async corrections(krIds?: readonly string[]): Promise<CheckInCorrection[]> {
    const table = await this.tableWithJournal();
    if (!table || (krIds && krIds.length === 0)) return [];
    return (await this.correctionRows(table, krIds)).map((r) => r.c);
  }

  private async correctionRows(table: LanceTypes.Table, krIds?: readonly string[]): Promise<{ c: CheckInCorrection; at: number }[]> {
    let where = "kind = 'correction'";
    if (krIds) where += ` AND parent IN (${krIds.map(sqlString).join(", ")})`;
    const rows = await this.retrying(() => table.query().where(where).select(["data", "written_at"]).toArray());
    return rows.map((r) => ({ c: JSON.parse(r.data as string) as CheckInCorrection, at: r.written_at as number })).sort((a, b) => a.at - b.at);
  }

  /** The check-in rows, and each one's write stamp. */
  private async rawCheckIns(table: LanceTypes.Table, krIds: readonly string[] | undefined, extra: string): Promise<{ list: CheckIn[]; at: ArrayLike<number> }> {
    let where = "kind = 'check_in'";
    if (extra) where += ` AND ${extra}`;
    if (krIds) where += ` AND parent IN (${krIds.map(sqlString).join(", ")})`;
    const t = await this.retrying(() => table.query().where(where).select(["id", "parent", "day", "value", "confidence", "text", "author", "written_at"]).toArrow());
    return checkInsOf(t);
  }

  async auditTrail(limit?: number): Promise<AuditEntry[]> {
    const table = await this.tableWithJournal();
    if (!table) return [];
    const rows = await this.retrying(() => table.query().where("kind = 'audit'").select(["data", "written_at"]).toArray());
    // By when it happened (restored entries are written later than they happened), then as written.
    const entries = rows.map((r) => ({ a: JSON.parse(r.data as string) as AuditEntry, stamp: r.written_at as number }));
    entries.sort((x, y) => (x.a.at < y.a.at ? -1 : x.a.at > y.a.at ? 1 : x.stamp - y.stamp));
    return (limit === undefined ? entries : entries.slice(Math.max(0, entries.length - limit))).map((e) => e.a);
  }

  async search(text: string, limit: number): Promise<SearchHit[]> {
    const table = await this.tableWithJournal();
    if (!table || !text.trim()) return [];
    if (!this.hasSearchIndex) {
      // A build just started (small workspaces take milliseconds) is worth up to 2 s of waiting,
      // once; a table without an index (a build that failed, or is still running) is read directly.
      this.ensureSearchIndex(table);
      await this.settle(Math.max(0, 2_000 - (Date.now() - this.indexStartedAt)));
      if (!this.hasSearchIndex) return scanSearch(table, text, limit);
    }
    const rows = await this.retrying(() => table.query().fullTextSearch(text).select(["kind", "id", "parent", "text", "_score"]).limit(limit).toArray());
    return rows.map((r) => ({
      kind: r.kind as SearchHit["kind"],
      entityId: (r.kind === "check_in" ? r.parent : r.id) as string,
      text: (r.text as string | null) ?? "",
      score: (r._score as number | undefined) ?? 0,
    }));
  }

  async close(): Promise<void> {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    // What this process acknowledged goes into the table before it exits (with whatever is before
    // it). A process that only read leaves the journal to its writers: a command beside a server
    // would otherwise commit the server's writes and rewrite the snapshot on its way out.
    if (this.appended)
      await this.drain().catch((e) => LanceStore.warn(`the journal could not be moved into the table (${(e as Error).message}); nothing was lost, the next process does it.`));
    // With a journal the snapshot is written while LanceDB still builds the index (its own threads):
    // it is taken up by row count, which the index does not change (see busy). An import's close
    // took the two one after the other.
    const snapshot = this.busy() ? null : this.writeOffered().catch(() => undefined); // only speed is lost without it
    // An index build gets less: nothing needs it (search reads the rows without one), and at 160,000
    // KRs LanceDB's never finished, so every command that wrote waited out the whole 10 s.
    const [kept, indexed] = await Promise.all([
      this.settle(LanceStore.maintenanceWaitMs, Promise.all([this.compacting, this.caching])),
      this.settle(Math.min(LanceStore.indexWaitMs, LanceStore.maintenanceWaitMs), Promise.resolve(this.indexing)),
    ]);
    if (!kept) LanceStore.warn("compaction did not finish in time and was left; nothing was lost, a later write retries it.");
    if (!indexed) {
      LanceStore.warn(
        "the search index build did not finish in time and was left (search reads the notes directly); it is tried again once the workspace has a quarter more rows, or in a day.",
      );
      if (this.local && this.table) await noteIndexLeft(this.dir, await this.rowCount(this.table)).catch(() => undefined);
    }
    await (snapshot ?? this.writeOffered().catch(() => undefined));
    this.journal?.close();
    this.table?.close();
    this.db?.close();
  }
}

/**
 * The commit of `parts` as a function that may be retried. Table.add() turns its data into an Arrow
 * IPC file and then copies that file (Buffer.from), so an import was held four times over at the
 * commit (its Arrow, the writer's chunks, the file, the copy: 2.6 GB at 4M check-ins). Here the file
 * is made once, handed to the native table without a copy, and the Arrow parts are let go before
 * LanceDB writes. It needs LanceDB's native `inner.add(buffer, mode)` (the one add() calls, in the
 * exactly pinned 0.31.0); without it, add() is used as is.
 */
function appender(table: LanceTypes.Table, parts: ArrowTypes.Table[]): () => Promise<LanceTypes.AddResult> {
  const inner = (table as unknown as { inner?: { add?: (buf: Buffer, mode: string) => Promise<LanceTypes.AddResult> } }).inner;
  if (typeof inner?.add !== "function") {
    const data = joined(parts);
    return () => table.add(data as unknown as LanceTypes.Data);
  }
  const buffer = ipcFile(parts);
  return () => inner.add!(buffer, "append");
}

/** The entries whose rows are not in the table (a drain that was cut short after its commit leaves
 *  them in both): each entry's first row stamp is unique. */
async function unlanded(table: LanceTypes.Table, entries: readonly JournalEntry[]): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for (const e of entries) if ((await table.query().where(`written_at = ${e.cols.writtenAt[0]}`).limit(1).toArray()).length === 0) out.push(e);
  return out;
}

/** Search without the index: every row with text, matched on its words with accents folded (what
 *  the index's asciiFolding does), ranked by how many of the query's words it holds. */
async function scanSearch(table: LanceTypes.Table, text: string, limit: number): Promise<SearchHit[]> {
  const words = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (!words.length) return [];
  const rows = await table.query().where("text IS NOT NULL AND text <> ''").select(["kind", "id", "parent", "text"]).toArray();
  const hits: SearchHit[] = [];
  for (const r of rows) {
    const own = new Set(foldText(r.text as string).split(/[^\p{L}\p{N}]+/u));
    const score = words.filter((w) => own.has(w)).length;
    if (score > 0) hits.push({ kind: r.kind as SearchHit["kind"], entityId: (r.kind === "check_in" ? r.parent : r.id) as string, text: r.text as string, score });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** The correction in force for each corrected check-in: the latest written. */
function latestCorrections(rows: readonly { c: CheckInCorrection; at: number }[]): Map<string, CheckInCorrection> {
  const latest = new Map<string, { c: CheckInCorrection; at: number }>();
  for (const r of rows) {
    const seen = latest.get(r.c.checkInId);
    if (!seen || r.at > seen.at) latest.set(r.c.checkInId, r);
  }
  return new Map([...latest].map(([id, r]) => [id, r.c]));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** What a snapshot of the table as it stands now is keyed by (see snapshot-cache.ts). */
async function cacheKeyOf(table: LanceTypes.Table): Promise<CacheKey> {
  return { tableVersion: await table.version(), rows: await table.countRows() };
}

/** Files of ours beside the table: locks (dir-lock.ts, journal.ts), the snapshot cache, the journal.
 *  A folder holding only these holds no workspace, and the flusher leaves them alone (the journal
 *  syncs itself). */
const isOwnAside = (name: string) => name.endsWith(".lock") || name.startsWith(SNAPSHOT_FILE) || name.startsWith(JOURNAL_FILE);

async function hasEntries(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((n) => !isOwnAside(n));
  } catch {
    return false;
  }
}
