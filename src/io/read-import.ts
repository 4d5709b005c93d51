// Reads what `okr import DIR|FILE` points at: a folder with okrs.csv / checkins.csv, one of those
// files, or a JSON export. I/O lives here so the parsers stay pure.

import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { OkrError } from "../domain/errors.js";
import { emptyImport, type ImportData } from "./import-data.js";
import { detectCsvKind, parseCheckInsCsv, parseOkrsCsv } from "./import-csv.js";
import { parseExportJson } from "./import-json.js";

export interface ReadResult {
  data: ImportData;
  problems: string[];
  files: string[];
}

export async function readImportSource(path: string): Promise<ReadResult> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new OkrError("invalid_input", `Nothing to import at ${path}: give a folder holding okrs.csv and checkins.csv, one of those files, or a JSON export.`);
  }
  const data = emptyImport();
  const problems: string[] = [];
  const files: { path: string; text: string }[] = [];
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => /\.(csv|json)$/i.test(n)).sort();
    for (const n of names) files.push({ path: join(path, n), text: await readFile(join(path, n), "utf8") });
    if (files.length === 0) throw new OkrError("invalid_input", `${path} holds no .csv or .json file to import (expected okrs.csv and checkins.csv).`);
  } else files.push({ path, text: await readFile(path, "utf8") });

  // okrs before check-ins so a check-in may refer to a KR defined in the same import.
  const classified = files.map((f) => ({ ...f, name: basename(f.path), kind: /\.json$/i.test(f.path) ? ("json" as const) : detectCsvKind(f.text, basename(f.path)) }));
  const order = { json: 0, okrs: 1, checkins: 2 } as const;
  for (const f of classified.sort((a, b) => (a.kind === null ? 3 : order[a.kind]) - (b.kind === null ? 3 : order[b.kind]))) {
    if (f.kind === "json") parseExportJson(f.name, f.text, data, problems);
    else if (f.kind === "okrs") parseOkrsCsv(f.name, f.text, data, problems);
    else if (f.kind === "checkins") parseCheckInsCsv(f.name, f.text, data, problems);
    else if (!info.isDirectory())
      problems.push(`${f.name}:1: header is neither the okrs format (objective_ref, key_result, …) nor the check-ins format (kr_ref, date, value, confidence)`);
    // In a folder, unrelated CSV files are left alone.
  }
  return { data, problems, files: classified.filter((f) => f.kind !== null).map((f) => f.path) };
}
