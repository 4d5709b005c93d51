// Reads the spreadsheet export (okrs.csv + checkins.csv, see examples/acme/README.md) into
// ImportData, collecting every problem with its file and line instead of stopping at the first.

import { tryParseDay } from "../domain/dates.js";
import { DIRECTIONS, KR_KINDS, type Direction, type KrKind } from "../domain/types.js";
import { parseCsv, unescapeFormula, type CsvPiece, type CsvRecord } from "./csv.js";
import { REF_PATTERN, numberProblem, parseNumber, type ImportCheckIn, type ImportData } from "./import-data.js";

export const OKR_COLUMNS = [
  "cycle",
  "cycle_start",
  "cycle_end",
  "team",
  "objective_ref",
  "objective",
  "objective_owner",
  "kr_ref",
  "key_result",
  "kr_owner",
  "kr_type",
  "direction",
  "unit",
  "start_value",
  "target_value",
] as const;
/** Columns we read when present; any other column is ignored. */
export const OKR_OPTIONAL_COLUMNS = ["parent_objective_ref", "objective_description", "committed", "weight", "start_date", "due_date"] as const;
export const CHECKIN_COLUMNS = ["kr_ref", "date", "value", "confidence"] as const;
export const CHECKIN_OPTIONAL_COLUMNS = ["author", "note"] as const;

export type CsvKind = "okrs" | "checkins";

interface Table {
  get(row: number, column: string): string;
  /** Whether the header names this column. */
  has(column: string): boolean;
  rows: { line: number }[];
}

/** Where each column is, from a file's header row. */
interface Header {
  index: Map<string, number>;
  width: number;
}

function readHeader(file: string, header: CsvRecord | undefined, required: readonly string[], problems: string[]): Header | null {
  if (!header) {
    problems.push(`${file}: the file is empty; expected a header row with ${required.join(", ")}`);
    return null;
  }
  const index = new Map<string, number>();
  header.cells.forEach((h, i) => index.set(h.trim().toLowerCase(), i));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length) {
    problems.push(`${file}:${header.line}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header must name: ${required.join(", ")})`);
    return null;
  }
  return { index, width: header.cells.length };
}

function widthProblems(file: string, header: Header, body: readonly CsvRecord[], problems: string[]): void {
  for (const r of body) {
    // Fewer cells is fine (trailing empties get trimmed by some tools); more means an unquoted comma.
    if (r.cells.length > header.width) problems.push(`${file}:${r.line}: has ${r.cells.length} cells but the header has ${header.width}; quote cells that contain commas`);
  }
}

function tableOf(file: string, header: Header, body: readonly CsvRecord[], problems: string[]): Table {
  widthProblems(file, header, body, problems);
  const { index } = header;
  return {
    rows: body.map((r) => ({ line: r.line })),
    has: (column) => index.has(column),
    get(row, column) {
      const i = index.get(column);
      return i === undefined ? "" : unescapeFormula((body[row]!.cells[i] ?? "").trim());
    },
  };
}

/** The records of some CSV text starting at line `firstLine`; its structural problems (an unclosed
 *  quote…) go to `problems`, named by file and line. */
function recordsOf(file: string, text: string, firstLine: number, problems: string[]): CsvRecord[] {
  const { records, problems: structural } = parseCsv(text, firstLine);
  for (const p of structural) problems.push(`${file}:${p.line}: ${p.message}`);
  return records;
}

function readTable(file: string, text: string, required: readonly string[], problems: string[]): Table | null {
  const records = recordsOf(file, text, 1, problems);
  const header = readHeader(file, records[0], required, problems);
  return header && tableOf(file, header, records.slice(1), problems);
}

export function detectCsvKind(text: string, name = ""): CsvKind | null {
  const base = name.toLowerCase();
  if (/check-?ins?/.test(base)) return "checkins";
  if (/okrs?/.test(base)) return "okrs";
  const header = parseCsv(text.slice(0, 4096).split(/\r?\n/)[0] ?? "").records[0]?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  if (header.includes("objective_ref") || header.includes("key_result")) return "okrs";
  if (header.includes("kr_ref") || (header.includes("date") && header.includes("value"))) return "checkins";
  return null;
}

export function parseOkrsCsv(file: string, text: string, into: ImportData, problems: string[]): void {
  const t = readTable(file, text, OKR_COLUMNS, problems);
  if (!t) return;
  const cycles = new Map<string, { start: string; end: string; line: number }>();
  const objectives = new Map<string, { sig: string; line: number }>();
  const krs = new Map<string, number>();
  t.rows.forEach(({ line }, r) => {
    const at = `${file}:${line}`;
    const g = (c: string) => t.get(r, c);
    const bad: string[] = [];
    for (const c of ["cycle", "team", "objective_ref", "objective", "kr_ref", "key_result", "kr_type", "direction"]) if (!g(c)) bad.push(`${c} is empty`);
    const start = g("cycle_start"),
      end = g("cycle_end");
    if (tryParseDay(start) === null) bad.push(`cycle_start "${start}" is not a date (YYYY-MM-DD)`);
    if (tryParseDay(end) === null) bad.push(`cycle_end "${end}" is not a date (YYYY-MM-DD)`);
    if (tryParseDay(start) !== null && tryParseDay(end) !== null && start >= end) bad.push(`cycle_end ${end} is not after cycle_start ${start}`);
    const kind = g("kr_type").toLowerCase() as KrKind;
    if (g("kr_type") && !KR_KINDS.includes(kind)) bad.push(`kr_type "${g("kr_type")}" must be one of ${KR_KINDS.join(", ")}`);
    const direction = g("direction").toLowerCase() as Direction;
    if (g("direction") && !DIRECTIONS.includes(direction)) bad.push(`direction "${g("direction")}" must be one of ${DIRECTIONS.join(", ")}`);
    // A value may carry the % a percent-formatted sheet exports ("52%" is 52, as in okr checkin).
    const startValue = parseNumber(g("start_value"), { percent: true }),
      target = parseNumber(g("target_value"), { percent: true });
    if (startValue === null) bad.push(`start_value "${g("start_value")}" is not a number`);
    if (target === null) bad.push(`target_value "${g("target_value")}" is not a number`);
    for (const p of [numberProblem("start_value", startValue), numberProblem("target_value", target)]) if (p) bad.push(p);
    const weightText = g("weight");
    const weight = weightText ? parseNumber(weightText) : null;
    if (weightText && (weight === null || weight <= 0)) bad.push(`weight "${weightText}" must be a positive number`);
    const due = g("due_date") || null;
    const startDate = g("start_date") || null;
    if (startDate && tryParseDay(startDate) === null) bad.push(`start_date "${startDate}" is not a date (YYYY-MM-DD)`);
    if (due && tryParseDay(due) === null) bad.push(`due_date "${due}" is not a date (YYYY-MM-DD)`);
    for (const c of ["objective_ref", "kr_ref", "parent_objective_ref"])
      if (g(c) && !REF_PATTERN.test(g(c))) bad.push(`${c} "${g(c)}" must be letters, digits, dots or dashes (e.g. O3, KR2.1)`);
    const committedText = g("committed").toLowerCase();
    if (committedText && !["true", "false", "yes", "no", "1", "0", "committed", "aspirational"].includes(committedText))
      bad.push(`committed "${g("committed")}" must be true/false or committed/aspirational`);
    const committed = !["false", "no", "0", "aspirational"].includes(committedText);

    // The objective's and cycle's columns repeat on every KR row: they must agree.
    const cycle = g("cycle");
    const seenCycle = cycles.get(cycle);
    if (seenCycle && (seenCycle.start !== start || seenCycle.end !== end))
      bad.push(`cycle ${cycle} runs ${start}..${end} here but ${seenCycle.start}..${seenCycle.end} on line ${seenCycle.line}`);
    const oref = g("objective_ref");
    const sig = JSON.stringify([g("objective"), g("team"), g("objective_owner"), cycle, g("parent_objective_ref")]);
    const seenObjective = objectives.get(oref.toUpperCase());
    if (seenObjective && seenObjective.sig !== sig) bad.push(`objective ${oref} has different title, team, owner, cycle or parent than on line ${seenObjective.line}`);
    const kref = g("kr_ref");
    const seenKr = krs.get(kref.toUpperCase());
    if (seenKr) bad.push(`key result ${kref} already appears on line ${seenKr}`);
    if (g("parent_objective_ref") && g("parent_objective_ref").toUpperCase() === oref.toUpperCase()) bad.push(`objective ${oref} cannot be its own parent`);

    if (kref && !seenKr) krs.set(kref.toUpperCase(), line);
    if (bad.length) {
      for (const b of bad) problems.push(`${at}: ${b}`);
      return;
    }
    if (!seenCycle) {
      cycles.set(cycle, { start, end, line });
      into.cycles.push({ name: cycle, start, end, at });
    }
    if (!seenObjective) {
      objectives.set(oref.toUpperCase(), { sig, line });
      into.objectives.push({
        ref: oref,
        title: g("objective"),
        description: g("objective_description"),
        team: g("team"),
        owner: g("objective_owner"),
        cycle,
        parentRef: g("parent_objective_ref") || null,
        committed,
        at,
      });
    }
    into.keyResults.push({
      ref: kref,
      objectiveRef: oref,
      title: g("key_result"),
      owner: g("kr_owner"),
      kind,
      direction,
      unit: g("unit"),
      start: startValue!,
      target: target!,
      weight,
      due,
      at,
      ...(t.has("start_date") ? { startDate } : {}),
    });
  });
}

export function parseCheckInsCsv(file: string, text: string, into: ImportData, problems: string[]): void {
  const records = recordsOf(file, text, 1, problems);
  const header = readHeader(file, records[0], CHECKIN_COLUMNS, problems);
  if (header) for (const c of checkInRows(file, header, records.slice(1), problems)) into.checkIns.push(c);
}

/** Check-ins read from a part of a file, with the problems found in it. */
export interface CheckInChunk {
  checkIns: readonly ImportCheckIn[];
  problems: readonly string[];
}

/** A check-ins CSV read piece by piece (csvPieces), so that a file of millions of rows never
 *  needs to be in memory at once: one chunk of check-ins per piece. */
export async function* streamCheckInsCsv(file: string, pieces: AsyncIterable<CsvPiece>): AsyncGenerator<CheckInChunk> {
  let header: Header | null | undefined;
  for await (const piece of pieces) {
    const problems: string[] = [];
    const records = recordsOf(file, piece.text, piece.firstLine, problems);
    let body = records;
    if (header === undefined) {
      header = readHeader(file, records[0], CHECKIN_COLUMNS, problems);
      body = records.slice(1);
    }
    if (!header) return yield { checkIns: [], problems };
    yield { checkIns: checkInRows(file, header, body, problems), problems };
  }
  if (header === undefined) yield { checkIns: [], problems: [`${file}: the file is empty; expected a header row with ${CHECKIN_COLUMNS.join(", ")}`] };
}

/** A check-in row: where it came from is spelled out only for a problem (a million "file:line"
 *  strings were 60 MB of garbage in an import that had none). */
class CsvCheckIn implements ImportCheckIn {
  constructor(
    readonly krRef: string,
    readonly date: string,
    readonly value: number,
    readonly confidence: number,
    readonly note: string,
    readonly author: string,
    private readonly file: string,
    private readonly line: number,
  ) {}
  get at(): string {
    return `${this.file}:${this.line}`;
  }
}

/** The check-ins of some rows. The hot loop of a million-row import: each cell is read once by its
 *  column's index, and nothing is built for a row (no closure, no list of problems) unless it has a
 *  problem. */
function checkInRows(file: string, header: Header, body: readonly CsvRecord[], problems: string[]): ImportCheckIn[] {
  widthProblems(file, header, body, problems);
  const out: ImportCheckIn[] = [];
  // A file has few distinct dates and a million rows: check each date once.
  const dateOk = new Map<string, boolean>();
  const col = (name: string) => header.index.get(name) ?? -1;
  const [refAt, dateAt, valueAt, confidenceAt, noteAt, authorAt] = [col("kr_ref"), col("date"), col("value"), col("confidence"), col("note"), col("author")];
  const cell = (cells: readonly string[], i: number) => (i < 0 ? "" : unescapeFormula((cells[i] ?? "").trim()));
  for (const { cells, line } of body) {
    const krRef = cell(cells, refAt),
      date = cell(cells, dateAt),
      valueText = cell(cells, valueAt),
      confidenceText = cell(cells, confidenceAt);
    let dateFine = dateOk.get(date);
    if (dateFine === undefined) dateOk.set(date, (dateFine = tryParseDay(date) !== null));
    const value = parseNumber(valueText, { percent: true });
    const range = numberProblem("value", value);
    const confidence = parseNumber(confidenceText);
    const confidenceFine = confidence !== null && Number.isInteger(confidence) && confidence >= 1 && confidence <= 5;
    if (krRef && dateFine && value !== null && !range && confidenceFine) {
      out.push(new CsvCheckIn(krRef, date, value, confidence, cell(cells, noteAt), cell(cells, authorAt), file, line));
      continue;
    }
    const at = `${file}:${line}`;
    if (!krRef) problems.push(`${at}: kr_ref is empty`);
    if (!dateFine) problems.push(`${at}: date "${date}" is not a date (YYYY-MM-DD)`);
    if (value === null) problems.push(`${at}: value "${valueText}" is not a number`);
    if (range) problems.push(`${at}: ${range}`);
    if (!confidenceFine) problems.push(`${at}: confidence "${confidenceText}" must be a whole number from 1 (no chance) to 5 (certain)`);
  }
  return out;
}
