// The write-ahead journal of a local data directory. A LanceDB commit writes several files, and
// making it durable takes an fsync of each (3–4 ms a check-in here, 19× SQLite-WAL's). A write is
// instead acknowledged once it is one line appended to `journal.okrwal` and fdatasync'ed; the
// entries are moved into the table later, many in one Lance commit (lance-store.ts: drain).
//
// Every process on the folder shares the journal: appends and drains happen under `journal.lock`
// (a hard link to `journal.<pid>.lock`, so it always names its owner; one left by a killed process
// is taken over), and a reader needs no lock: the journal is replaced only by rename, and an append that
// a crash cut short fails its checksum and is ignored (it was never acknowledged).
//
// Layout: a header line `okrwal 1 base=<rows> id=<random>`, where base is the table's row count
// when the journal was (re)written, then one line per write: `<crc32 hex> <json>`, the JSON holding
// the write's rows as columns (rows.ts), write stamps included, so that the table gets exactly the
// rows the writer acknowledged. The table is append-only, so after a drain the table has base +
// the entries' rows: the data's version is base + pending rows whether or not the drain landed,
// and a reader that finds the table at base + rows knows the entries are in it already.

import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { OkrError } from "../domain/errors.js";
import { alive, isStale, pidIn, takeOver } from "./dir-lock.js";
import { Columns } from "./rows.js";

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
  /** Bytes of the file that hold the header and whole, checked lines. */
  validLength: number;
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

const entryOf = (cols: Columns): JournalEntry => ({ cols, corrects: cols.kind.includes("correction") });

function decode(line: string): JournalEntry | null {
  const json = line.slice(9);
  if (line[8] !== " " || crc32(json).toString(16).padStart(8, "0") !== line.slice(0, 8)) return null;
  try {
    const o = JSON.parse(json);
    return entryOf(Object.assign(new Columns(), o, { entityRows: new Set<number>(o.entityRows) }));
  } catch {
    return null;
  }
}

/** The whole, checked entries `buf` starts with, and where they end. Stops at the first line that
 *  is cut short or fails its checksum (an append a crash interrupted: never acknowledged). */
function parse(buf: Buffer): { entries: JournalEntry[]; end: number } {
  const entries: JournalEntry[] = [];
  let at = 0;
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

/** Removes a file, if it is there. */
function unlinkIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if (errno(e) !== "ENOENT") throw e;
  }
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
  /** Zeros a new journal starts with, for appends to write over (a drain comes every 200 writes of
   *  about 0.7 KB; past this the file simply grows). */
  static preallocate = 256 * 1024;

  constructor(private readonly dir: string) {
    this.path = join(dir, JOURNAL_FILE);
    this.lockPath = join(dir, "journal.lock");
  }

  /** The journal file, kept open while it is the one at `path` (a reset replaces it; holding it
   *  open also keeps its inode number from being reused). */
  private file: { fd: number; ino: number } | null = null;

  /** The journal as it stands, or null when there is none. Cheap when nothing was appended since
   *  the last read (a stat and a one-byte read: every version check of a warm server); only what
   *  was appended since is read. */
  read(): JournalState | null {
    const st = statSync(this.path, { throwIfNoEntry: false });
    if (!st) {
      this.release();
      return (this.cached = null);
    }
    if (this.file?.ino !== st.ino) {
      this.release();
      try {
        this.file = { fd: openFile(this.path), ino: st.ino };
      } catch (e) {
        if (errno(e) === "ENOENT") return (this.cached = null); // removed since the stat
        throw e;
      }
      this.cached = null;
    }
    const fd = this.file.fd;
    let c = this.cached;
    if (c) {
      // Appends land in preallocated zeros: a zero (or the end) where the next line would start
      // means none since. Size and times cannot tell (times move in coarse steps).
      const probe = Buffer.alloc(1);
      if (readSync(fd, probe, 0, 1, c.validLength) === 0 || probe[0] === 0) return c;
    } else {
      const head = Buffer.alloc(Math.min(st.size, 128));
      readSync(fd, head, 0, head.length, 0);
      const nl = head.indexOf(NEWLINE);
      const m = nl > 0 ? HEADER.exec(head.toString("utf8", 0, nl)) : null;
      // A header is written whole before the file is renamed into place: without one it is not ours.
      if (!m) throw new OkrError("internal", `${this.path} is not a journal this version can read: move it aside if it is not yours.`);
      c = this.cached = { base: Number(m[1]), entries: [], rows: 0, validLength: nl + 1 };
    }
    for (const e of readLines(fd, c.validLength, st.size, (end) => (c.validLength = end))) {
      c.entries.push(e);
      c.rows += e.cols.length;
    }
    return c;
  }

  /** Runs `fn` holding the journal lock: one process (and one caller in it) at a time. */
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.lock();
      try {
        return await fn();
      } finally {
        unlinkIfThere(this.lockPath); // every write: rmSync would stat it first
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async lock(): Promise<void> {
    const deadline = Date.now() + Journal.lockWaitMs;
    let remade = false;
    for (let round = 0; ; round++) {
      try {
        // A hard link to a file already holding our pid: the lock never exists without its owner.
        linkSync(this.ownFile(), this.lockPath);
        return;
      } catch (e) {
        // Our pid file removed by another store of this process as it closed: made again, once.
        if (errno(e) === "ENOENT" && !remade) {
          remade = true;
          this.own = null;
          continue;
        }
        if (errno(e) !== "EEXIST") throw e;
      }
      const pid = pidIn(readFileSyncOr(this.lockPath));
      if (pid !== process.pid && (await isStale(this.lockPath, pid))) {
        await takeOver(this.lockPath, pid); // left by a process that is gone
        rmSync(join(this.dir, `journal.${pid}.lock`), { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new OkrError("conflict", `Another process (${pid}) has held the journal of ${this.dir} for minutes: try again when it has finished.`);
      // Short at first: another writer holds it for a fraction of a millisecond.
      await sleep(round < 20 ? 1 : 10);
    }
  }

  /** Under the lock: appends one write and has it on disk before returning; the data's version
   *  before and after it. */
  append(cols: Columns): { before: number; after: number } {
    const c = this.read();
    if (!c || !this.cached || !this.file) throw new Error("journal: append before reset");
    const before = c.base + c.rows;
    const line = encode(cols);
    // Over the preallocated zeros (an fdatasync that changes no size is cheaper), or over what an
    // append cut short by a crash left: it was never acknowledged.
    writeSync(this.file.fd, line, 0, line.length, this.cached.validLength);
    fdatasyncSync(this.file.fd);
    c.entries.push(entryOf(cols));
    c.rows += cols.length;
    this.cached.validLength += line.length;
    return { before, after: before + cols.length };
  }

  /** Closes the journal file. */
  release(): void {
    if (this.file) closeSync(this.file.fd);
    this.file = null;
  }

  private own: string | null = null;

  /** `journal.<pid>.lock`, holding our pid: what the lock is a link to. */
  private ownFile(): string {
    if (!this.own) {
      const path = join(this.dir, `journal.${process.pid}.lock`);
      writeFileSync(path, `${process.pid}\n`);
      this.own = path;
    }
    return this.own;
  }

  /** Removes the pid files (`journal.<pid>.lock`) of processes that are gone (killed before they
   *  closed their store). */
  private sweep(): void {
    for (const name of readdirSync(this.dir)) {
      const pid = Number(/^journal\.(\d+)\.lock$/.exec(name)?.[1] ?? 0);
      if (pid > 0 && pid !== process.pid && !alive(pid)) rmSync(join(this.dir, name), { force: true });
    }
  }

  /** When the store closes: the file closed, our pid file gone. */
  close(): void {
    this.release();
    if (this.own) rmSync(this.own, { force: true });
    this.own = null;
  }

  /** Under the lock: an empty journal after `base` table rows, in place of whatever was there. */
  reset(base: number): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, `okrwal 1 base=${base} id=${randomBytes(8).toString("hex")}\n`);
      writeSync(fd, Buffer.alloc(Journal.preallocate));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    syncDir(this.dir);
    this.release();
    this.cached = null;
    this.sweep();
  }

  /** Under the lock: no journal at all (the table alone is the data). */
  remove(): void {
    rmSync(this.path, { force: true });
    syncDir(this.dir);
    this.release();
    this.cached = null;
  }
}

/** Read-write when the folder allows it (appends), else read-only (a reader). */
function openFile(path: string): number {
  try {
    return openSync(path, "r+");
  } catch (e) {
    if (errno(e) === "EACCES" || errno(e) === "EROFS" || errno(e) === "EPERM") return openSync(path, "r");
    throw e;
  }
}

/** Whole, checked lines from byte `from` up to `size`; `end` hears where the last one ends. Stops
 *  at the zeros no append has reached yet, and at a line cut short or failing its checksum. */
function* readLines(fd: number, from: number, size: number, end: (at: number) => void): Generator<JournalEntry> {
  let pos = from,
    want = 64 * 1024;
  while (pos < size) {
    const buf = Buffer.alloc(Math.min(want, size - pos));
    readSync(fd, buf, 0, buf.length, pos);
    const { entries, end: used } = parse(buf);
    for (const e of entries) yield e;
    pos += used;
    end(pos);
    if (used === buf.length) continue; // all whole lines: more may follow
    // Zeros (JSON never holds a NUL byte), a bad line, or the file's end: nothing whole follows.
    if (buf.indexOf(0, used) >= 0 || buf.indexOf(NEWLINE, used) >= 0 || pos + buf.length - used >= size) return;
    if (used === 0) want *= 4; // a line longer than what was read
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
