// Reads what `okr import DIR|FILE` points at: a folder with okrs.csv / checkins.csv, one of those
// files, or a JSON export. I/O lives here so the parsers stay pure. A check-ins CSV is not read
// here but streamed, piece by piece, while the import runs (a million rows need not be in memory).

import { createReadStream } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { OkrError } from "../domain/errors.js";
import { emptyImport, type ImportData } from "./import-data.js";
import { detectCsvKind, parseOkrsCsv, streamCheckInsCsv, type CheckInChunk } from "./import-csv.js";
import { csvPieces } from "./csv.js";

export interface ReadResult {
  data: ImportData;
  problems: string[];
  files: string[];
}

/** An import source opened: everything but the check-ins of CSV files, which `checkInChunks`
 *  reads as it is iterated (once). */
export interface OpenedImport extends ReadResult {
  checkInChunks: AsyncIterable<CheckInChunk>;
  /** The check-ins CSV files that `checkInChunks` streams. */
  checkInFiles: string[];
}

/** The first bytes of a file: enough to tell a CSV's header. */
async function head(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

async function* streamed(paths: readonly string[]): AsyncGenerator<CheckInChunk> {
  for (const path of paths) yield* streamCheckInsCsv(basename(path), csvPieces(createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })));
}

export async function openImportSource(path: string): Promise<OpenedImport> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new OkrError("invalid_input", `Nothing to import at ${path}: give a folder holding okrs.csv and checkins.csv, one of those files, or a JSON export.`);
  }
  if (!info.isDirectory() && !info.isFile())
    throw new OkrError("invalid_input", `${path} is not a regular file (a device, a pipe or a socket): give a folder, a .csv file or a JSON export.`);
  const paths = info.isDirectory()
    ? (await readdir(path))
        .filter((n) => /\.(csv|json)$/i.test(n))
        .sort()
        .map((n) => join(path, n))
    : [path];
  if (info.isDirectory() && paths.length === 0) throw new OkrError("invalid_input", `${path} holds no .csv or .json file to import (expected okrs.csv and checkins.csv).`);

  const data = emptyImport();
  const problems: string[] = [];
  const classified = await Promise.all(
    paths.map(async (p) => ({ path: p, name: basename(p), kind: /\.json$/i.test(p) ? ("json" as const) : detectCsvKind(await head(p), basename(p)) })),
  );
  // okrs before check-ins so a check-in may refer to a KR defined in the same import.
  const order = { json: 0, okrs: 1, checkins: 2 } as const;
  const checkInFiles: string[] = [];
  for (const f of classified.sort((a, b) => (a.kind === null ? 3 : order[a.kind]) - (b.kind === null ? 3 : order[b.kind]))) {
    // Loaded when a JSON file is read: its zod schemas cost every other command 40 ms at start.
    if (f.kind === "json") (await import("./import-json.js")).parseExportJson(f.name, await readFile(f.path, "utf8"), data, problems);
    else if (f.kind === "okrs") parseOkrsCsv(f.name, await readFile(f.path, "utf8"), data, problems);
    else if (f.kind === "checkins") checkInFiles.push(f.path);
    else if (!info.isDirectory())
      problems.push(`${f.name}:1: header is neither the okrs format (objective_ref, key_result, …) nor the check-ins format (kr_ref, date, value, confidence)`);
    // In a folder, unrelated CSV files are left alone.
  }
  return { data, problems, files: classified.filter((f) => f.kind !== null).map((f) => f.path), checkInChunks: streamed(checkInFiles), checkInFiles };
}

/** The whole source in memory, check-ins included (small imports, tests). */
export async function readImportSource(path: string): Promise<ReadResult> {
  const opened = await openImportSource(path);
  const read: ReadResult = { data: opened.data, problems: opened.problems, files: opened.files };
  for await (const chunk of opened.checkInChunks) {
    for (const c of chunk.checkIns) read.data.checkIns.push(c);
    for (const p of chunk.problems) read.problems.push(p);
  }
  return read;
}
