// The write-ahead journal of a local data directory. A LanceDB commit writes several files, and
// making it durable takes an fsync of each (3–4 ms a check-in here, 19× SQLite-WAL's). A write is
// instead acknowledged once it is one line appended to `journal.okrwal` and fdatasync'ed; the
// entries are moved into the table later, many in one Lance commit (lance-store.ts: drain).
//
// Every process on the folder shares the journal: appends and drains happen under `journal.lock`
// (a file created exclusively, holding the owner's pid; one left by a killed process is taken
// over), and a reader needs no lock: the journal is replaced only by rename, and an append that
// a crash cut short fails its checksum and is ignored (it was never acknowledged).
//
// Layout: a header line `okrwal 1 base=<rows> id=<random>`, where base is the table's row count
// when the journal was (re)written, then one line per write: `<crc32 hex> <json>`, the JSON holding
// the write's rows as columns (rows.ts), write stamps included, so that the table gets exactly the
// rows the writer acknowledged. The table is append-only, so after a drain the table has base +
// the entries' rows: the data's version is base + pending rows whether or not the drain landed,
// and a reader that finds the table at base + rows knows the entries are in it already.

import { closeSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync, type Stats } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { OkrError } from "../domain/errors.js";
import { alive, takeOver } from "./dir-lock.js";
import { Columns } from "./rows.js";
import type { CheckInColumns, Snapshot } from "./store.js";

export const JOURNAL_FILE = "journal.okrwal";

export interface JournalEntry {
  cols: Columns;
  /** The write holds corrections (they change rows already stored). */
  corrects: boolean;
}

export interface JournalState {
  /** The table's row count the entries come after. */
  base: number;
  entries: JournalEntry[];
  /** Rows in the entries. */
  rows: number;
}

interface Cached extends JournalState {
  id: string;
  /** Bytes of the file that hold whole, checked lines. */
  validLength: number;
  stat: Pick<Stats, "ino" | "size" | "mtimeMs" | "ctimeMs">;
}

const HEADER = /^okrwal 1 base=(\d+) id=([0-9a-f]+)$/;
const NEWLINE = 10;

function encode(cols: Columns): Buffer {
  const json = JSON.stringify({
    kind: cols.kind,
    id: cols.id,
    ref: cols.ref,
    parent: cols.parent,
    day: cols.day,
    value: cols.value,
    confidence: cols.confidence,
    text: cols.text,
    author: cols.author,
    data: cols.data,
    writtenAt: cols.writtenAt,
    entityRows: [...cols.entityRows],
  });
  return Buffer.from(`${crc32(json).toString(16).padStart(8, "0")} ${json}\n`);
}

function decode(line: string): JournalEntry | null {
  const json = line.slice(9);
  if (line[8] !== " " || crc32(json).toString(16).padStart(8, "0") !== line.slice(0, 8)) return null;
  try {
    const o = JSON.parse(json);
    const cols = Object.assign(new Columns(), o, { entityRows: new Set<number>(o.entityRows) });
    return { cols, corrects: cols.kind.includes("correction") };
  } catch {
    return null;
  }
}

/** Lines from `from` on: whole, checked entries, and where they end. Stops at the first line that
 *  is cut short or fails its checksum (an append a crash interrupted: never acknowledged). */
function parse(buf: Buffer, from: number): { entries: JournalEntry[]; end: number } {
  const entries: JournalEntry[] = [];
  let at = from;
  for (;;) {
    const nl = buf.indexOf(NEWLINE, at);
    if (nl < 0) break;
    const entry = decode(buf.toString("utf8", at, nl));
    if (!entry) break;
    entries.push(entry);
    at = nl + 1;
  }
  return { entries, end: at };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

export class Journal {
  readonly path: string;
  private readonly lockPath: string;
  private cached: Cached | null = null;
  /** Callers of this process queue here before taking the file lock (no polling among ourselves). */
  private queue: Promise<unknown> = Promise.resolve();
  /** How long a write waits for another process's drain or import before giving up. */
  static lockWaitMs = 10 * 60_000;

  constructor(private readonly dir: string) {
    this.path = join(dir, JOURNAL_FILE);
    this.lockPath = join(dir, "journal.lock");
  }

  /** The journal as it stands, or null when there is none. Cheap when the file has not changed
   *  since the last read; only what was appended since is read. */
  read(): JournalState | null {
    let fd: number;
    try {
      fd = openSync(this.path, "r");
    } catch (e) {
      if (errno(e) === "ENOENT") return (this.cached = null);
      throw e;
    }
    try {
      const st = fstatSync(fd);
      const c = this.cached;
      if (c && c.stat.ino === st.ino && c.stat.size === st.size && c.stat.mtimeMs === st.mtimeMs && c.stat.ctimeMs === st.ctimeMs) return c;
      const head = Buffer.alloc(Math.min(st.size, 128));
      readSync(fd, head, 0, head.length, 0);
      const nl = head.indexOf(NEWLINE);
      const m = nl > 0 ? HEADER.exec(head.toString("utf8", 0, nl)) : null;
      // A header is written whole before the file is renamed into place: without one it is not ours.
      if (!m) throw new OkrError("internal", `${this.path} is not a journal this version can read: move it aside if it is not yours.`);
      const grows = c !== null && c.id === m[2] && st.size >= c.validLength;
      const from = grows ? c.validLength : nl + 1;
      const buf = Buffer.alloc(st.size - from);
      readSync(fd, buf, 0, buf.length, from);
      const { entries, end } = parse(buf, 0);
      const all = grows ? [...c.entries, ...entries] : entries;
      this.cached = {
        base: Number(m[1]),
        id: m[2]!,
        entries: all,
        rows: all.reduce((n, e) => n + e.cols.length, 0),
        validLength: from + end,
        stat: { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs },
      };
      return this.cached;
    } finally {
      closeSync(fd);
    }
  }

  /** Runs `fn` holding the journal lock: one process (and one caller in it) at a time. */
  withLock<T>(fn: () => Promise<T>, waiting?: (pid: number) => void): Promise<T> {
    const run = this.queue.then(async () => {
      await this.lock(waiting);
      try {
        return await fn();
      } finally {
        rmSync(this.lockPath, { force: true });
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async lock(waiting?: (pid: number) => void): Promise<void> {
    const deadline = Date.now() + Journal.lockWaitMs;
    let told = false;
    for (let round = 0; ; round++) {
      try {
        const fd = openSync(this.lockPath, "wx");
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return;
      } catch (e) {
        if (errno(e) !== "EEXIST") throw e;
      }
      const pid = Number(readFileSyncOr(this.lockPath).trim());
      if (pid > 0 && pid !== process.pid && !alive(pid)) {
        await takeOver(this.lockPath, pid);
        continue;
      }
      if (Date.now() > deadline) throw new OkrError("conflict", `Another process (${pid}) has held the journal of ${this.dir} for minutes: try again when it has finished.`);
      if (!told && round === 50 && pid > 0) {
        waiting?.(pid);
        told = true;
      }
      // Short at first: another writer holds it for a fraction of a millisecond.
      await sleep(round < 20 ? 1 : 10);
    }
  }

  /** Under the lock: appends one write and has it on disk before returning; the data's version
   *  before and after it. */
  append(cols: Columns): { before: number; after: number } {
    const state = this.read();
    if (!state || !this.cached) throw new Error("journal: append before reset");
    const before = state.base + state.rows;
    const line = encode(cols);
    const fd = openSync(this.path, "r+");
    try {
      // Bytes past the last whole line are an append a crash cut short: written over.
      if (fstatSync(fd).size !== this.cached.validLength) ftruncateSync(fd, this.cached.validLength);
      writeSync(fd, line, 0, line.length, this.cached.validLength);
      fdatasyncSync(fd);
      const st = fstatSync(fd);
      this.cached.entries.push({ cols, corrects: cols.kind.includes("correction") });
      this.cached.rows += cols.length;
      this.cached.validLength += line.length;
      this.cached.stat = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
    } finally {
      closeSync(fd);
    }
    return { before, after: before + cols.length };
  }

  /** Under the lock: an empty journal after `base` table rows, in place of whatever was there. */
  reset(base: number): JournalState {
    const tmp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, `okrwal 1 base=${base} id=${randomBytes(8).toString("hex")}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    syncDir(this.dir);
    this.cached = null;
    return this.read()!;
  }

  /** Under the lock: no journal at all (the table alone is the data). */
  remove(): void {
    rmSync(this.path, { force: true });
    syncDir(this.dir);
    this.cached = null;
  }
}

function readFileSyncOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** fsync a directory, so that a name created or replaced in it survives a power loss. */
function syncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `s` (the table read at `base` rows) with the journal's entries on top, as the table will hold
 *  them once they are drained: later revisions of an entity replace earlier ones, check-ins are
 *  added. Entries with corrections are not replayed here (the caller drains them first). */
export function replayJournal(s: Snapshot, entries: readonly JournalEntry[]): Snapshot {
  const cycles = new Map(s.cycles.map((x) => [x.id, x]));
  const objectives = new Map(s.objectives.map((x) => [x.id, x]));
  const keyResults = new Map(s.keyResults.map((x) => [x.id, x]));
  const users = new Map(s.users.map((x) => [x.id, x]));
  let rows = 0,
    added = 0;
  for (const { cols } of entries) {
    rows += cols.length;
    added += cols.length - cols.entityRows.size;
  }
  const from = s.checkIns;
  const n0 = from.krIds.length;
  const out: CheckInColumns = {
    krIds: from.krIds.slice(),
    days: new Int32Array(n0 + added),
    values: new Float64Array(n0 + added),
    confidences: new Int32Array(n0 + added),
    createdAt: new Float64Array(n0 + added),
  };
  out.days.set(from.days);
  out.values.set(from.values);
  out.confidences.set(from.confidences);
  out.createdAt.set(from.createdAt);
  let k = n0;
  for (const { cols } of entries) {
    for (let i = 0; i < cols.length; i++) {
      if (!cols.entityRows.has(i)) {
        out.krIds.push(cols.parent[i]!);
        out.days[k] = cols.day[i]!;
        out.values[k] = cols.value[i]!;
        out.confidences[k] = cols.confidence[i]!;
        out.createdAt[k++] = cols.writtenAt[i]!;
        continue;
      }
      const kind = cols.kind[i];
      if (kind === "audit") continue; // not part of a snapshot (read by auditTrail)
      const e = JSON.parse(cols.data[i]!);
      if (kind === "cycle") cycles.set(e.id, e);
      else if (kind === "objective") objectives.set(e.id, e);
      else if (kind === "key_result") keyResults.set(e.id, e);
      else if (kind === "user") users.set(e.id, e);
      else throw new Error(`journal: cannot replay a ${kind} row`);
    }
  }
  return {
    version: s.version + rows,
    cycles: [...cycles.values()],
    objectives: [...objectives.values()],
    keyResults: [...keyResults.values()],
    users: [...users.values()],
    checkIns: out,
  };
}
