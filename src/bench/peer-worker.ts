// One step of `npm run bench -- --peers` in a process of its own, so that each system's import
// memory and cold start are its own: `node peer-worker.js <okr|sqlite|duckdb> <import|cold|warm>
// <csvDir> <dbPath> <asOf> [runs]` prints one JSON line: the figures and the top 10 it found.
//
// Every system answers the same question as `okr lagging --limit 10`: open KRs (progress < 1) by
// gap = expected − clamped progress, descending, then lower confidence, then older last check-in,
// then ref (gaps equal to 1e-9 count as ties, as okr's 1e-12 tolerance does); expected = share of the cycle elapsed (the synthetic KRs have no start or due dates of
// their own). SQLite runs in WAL mode with synchronous=FULL (a write is fsynced), with an index on
// (kr, day); DuckDB reads the CSV files itself.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDay } from "../domain/dates.js";
import { openImportSource } from "../io/read-import.js";
import { OkrService } from "../service/okr-service.js";
import { LanceStore } from "../store/lance-store.js";
import { CYCLE } from "./synthetic.js";

const [system, op, csvDir, dbPath, asOf, runsArg] = process.argv.slice(2) as [string, string, string, string, string, string?];
const RUNS = Number(runsArg ?? 20);
const DAY = parseDay(asOf);
const START = parseDay(CYCLE.start);
const END = parseDay(CYCLE.end);
const EXPECTED = Math.min(1, Math.max(0, (DAY - START) / (END - START)));

const t0 = performance.now();
/** This process's peak resident memory. On Linux its own high-water mark (VmHWM): getrusage's
 *  maxRSS carries over an exec, so a worker started by a benchmark holding 500 MB reported at
 *  least that (SQLite's and DuckDB's imports showed the same figure, the parent's). */
const peakRssMb = () => {
  const hwm = process.platform === "linux" ? /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8")) : null;
  return Math.round((hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024);
};
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function times(n: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** What every system does once its data is open: for `cold`, one answer; for `warm`, the answer,
 *  RUNS more of it, and RUNS single check-in writes. */
async function answer(top: () => string[] | Promise<string[]>, write: (n: number) => unknown, close: () => unknown): Promise<Record<string, unknown>> {
  const refs = await top();
  if (op === "cold") {
    const coldMs = performance.now() - t0;
    await close();
    return { coldMs, refs };
  }
  const warm = await times(RUNS, top);
  let n = 0;
  const writes = await times(RUNS, () => write(n++));
  await close();
  return { refs, warmP50Ms: p50(warm), writeP50Ms: p50(writes) };
}

/** The synthetic files have no quoted fields: a split is their whole CSV grammar. */
async function rows(file: string): Promise<string[][]> {
  const lines = (await readFile(join(csvDir, file), "utf8")).split("\n").filter(Boolean);
  return lines.slice(1).map((l) => l.split(","));
}

// The lagging question in SQL: the latest check-in at or before asOf of each KR, its gap, the order.
const laggingSql = (latest: string) => `
  WITH l AS (${latest}),
  g AS (
    SELECT k.ref, k.num, l.confidence, l.day,
      (COALESCE(l.value, k.start) - k.start) / (k.target - k.start) AS progress
    FROM krs k LEFT JOIN l ON l.kr = k.id)
  SELECT ref, ${EXPECTED} - MIN(1, MAX(0, progress)) AS gap, confidence, day, num
  FROM g WHERE progress < 1
  ORDER BY ROUND(gap, 9) DESC, COALESCE(confidence, 0), COALESCE(day, -1000000000), num
  LIMIT 10`;

async function runSqlite(): Promise<Record<string, unknown>> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  if (op === "import") {
    const [okrs, checkIns] = await Promise.all([rows("okrs.csv"), rows("checkins.csv")]);
    db.exec(`CREATE TABLE krs (id INTEGER PRIMARY KEY, ref TEXT UNIQUE, num REAL, team TEXT, title TEXT, owner TEXT, start REAL, target REAL);
             CREATE TABLE checkins (kr INTEGER, day INTEGER, value REAL, confidence INTEGER, author TEXT, note TEXT, written INTEGER);`);
    const ids = new Map<string, number>();
    const addKr = db.prepare("INSERT INTO krs VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const addCheckIn = db.prepare("INSERT INTO checkins VALUES (?, ?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      for (const r of okrs) {
        const id = ids.size + 1;
        ids.set(r[8]!, id);
        // num: a sortable stand-in for the natural order of refs (KR12.3 → 12.003).
        const [o, k] = r[8]!.slice(2).split(".").map(Number);
        addKr.run(id, r[8], o! + k! / 1000, r[3], r[9], r[10], Number(r[14]), Number(r[15]));
      }
      let written = 0;
      for (const c of checkIns) addCheckIn.run(ids.get(c[0]!), parseDay(c[1]!), Number(c[2]), Number(c[3]), c[4], c[5] ?? "", written++);
    })();
    db.exec("CREATE INDEX checkins_kr_day ON checkins (kr, day)");
    db.close();
    return { importS: (performance.now() - t0) / 1000, peakRssMb: peakRssMb() };
  }
  const latest = `SELECT k.id AS kr, c.value, c.confidence, c.day FROM krs k JOIN checkins c ON c.rowid = (
      SELECT rowid FROM checkins WHERE kr = k.id AND day <= ${DAY} ORDER BY day DESC, written DESC LIMIT 1)`;
  const query = db.prepare(laggingSql(latest));
  const insert = db.prepare("INSERT INTO checkins VALUES (?, ?, ?, ?, ?, ?, ?)");
  return answer(
    () => (query.all() as { ref: string }[]).map((r) => r.ref),
    (n) => insert.run(1 + (n % 1000), DAY, 50 + n, 3, "bench", "", 10_000_000 + n),
    () => db.close(),
  );
}

async function runDuckdb(): Promise<Record<string, unknown>> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(dbPath);
  const db = await instance.connect();
  if (op === "import") {
    const csv = (f: string) => `'${join(csvDir, f).replace(/'/g, "''")}'`;
    await db.run(`CREATE TABLE krs AS SELECT row_number() OVER () AS id, kr_ref AS ref,
        CAST(split_part(substr(kr_ref, 3), '.', 1) AS DOUBLE) + CAST(split_part(kr_ref, '.', 2) AS DOUBLE) / 1000 AS num,
        team, key_result AS title, kr_owner AS owner, CAST(start_value AS DOUBLE) AS start, CAST(target_value AS DOUBLE) AS target
      FROM read_csv(${csv("okrs.csv")}, header = true, all_varchar = true)`);
    await db.run(`CREATE TABLE checkins AS SELECT k.id AS kr, CAST(date_diff('day', DATE '1970-01-01', CAST(c.date AS DATE)) AS INTEGER) AS day,
        CAST(c.value AS DOUBLE) AS value, CAST(c.confidence AS INTEGER) AS confidence, c.author, c.note, row_number() OVER () AS written
      FROM read_csv(${csv("checkins.csv")}, header = true, all_varchar = true) c JOIN krs k ON k.ref = c.kr_ref`);
    db.closeSync();
    instance.closeSync();
    return { importS: (performance.now() - t0) / 1000, peakRssMb: peakRssMb() };
  }
  const latest = `SELECT kr, arg_max(value, (day, written)) AS value, arg_max(confidence, (day, written)) AS confidence, max(day) AS day
      FROM checkins WHERE day <= ${DAY} GROUP BY kr`;
  const sql = laggingSql(latest).replace("MIN(1, MAX(0, progress))", "least(1, greatest(0, progress))");
  return answer(
    async () => ((await db.runAndReadAll(sql)).getRowObjects() as { ref: string }[]).map((r) => r.ref),
    (n) => db.run(`INSERT INTO checkins VALUES (${1 + (n % 1000)}, ${DAY}, ${50 + n}, 3, 'bench', '', ${10_000_000 + n})`),
    () => {
      db.closeSync();
      instance.closeSync();
    },
  );
}

async function runOkr(): Promise<Record<string, unknown>> {
  const svc = new OkrService(await LanceStore.open(dbPath));
  if (op === "import") {
    const read = await openImportSource(csvDir);
    await svc.import(read.data, read.problems, undefined, { checkInChunks: read.checkInChunks });
    const committed = performance.now();
    // Closing waits for the search index (bounded) and writes the snapshot the next command loads.
    await svc.close();
    const end = performance.now();
    return { importS: (end - t0) / 1000, closeS: (end - committed) / 1000, peakRssMb: peakRssMb() };
  }
  return answer(
    async () => (await svc.lagging(asOf, { limit: 10 })).map((r) => r.ref),
    // Confirmed: the same values as the other systems write, whether or not they fit each KR's range.
    (n) => svc.checkIn({ kr: `KR${1 + (n % 1000)}.1`, value: 50 + n, confidence: 3, note: "bench", confirmed: true }, asOf),
    () => svc.close(),
  );
}

const run = system === "sqlite" ? runSqlite : system === "duckdb" ? runDuckdb : runOkr;
// Exits once the figures are out, like bin/okr.js: at 160,000 KRs LanceDB's index build never
// finishes, and its thread kept the import worker alive after it had answered.
process.stdout.write(JSON.stringify(await run()) + "\n", () => process.exit(0));
