// RFC 4180 CSV reading and writing: quoted commas, quotes and newlines, a BOM, CRLF; and the
// formula escaping that keeps exported cells from running in a spreadsheet.

export interface CsvRecord {
  /** 1-based line where the record starts in the file (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** Problems with the file's structure, e.g. an unterminated quote. */
  problems: { line: number; message: string }[];
}

/** A class, not an object literal: V8 tenures a literal's allocation site once its objects all
 *  survive (every record of okrs.csv does), and then allocated every check-in row of a streamed
 *  file in the old generation, where it kept its cells alive through young collections: 200 MB
 *  promoted over a million rows, and full collections to get rid of it. */
class Record implements CsvRecord {
  constructor(
    readonly line: number,
    readonly cells: string[],
  ) {}
}

/** `firstLine` is the file line `text` starts on, when it is a piece of a bigger file (csvPieces). */
export function parseCsv(text: string, firstLine = 1): CsvParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: CsvRecord[] = [];
  const problems: CsvParseResult["problems"] = [];
  let cells: string[] = [];
  let cell = "";
  let lineNo = firstLine;
  let recordLine = firstLine;
  let inQuotes = false;
  let quoteStartLine = 0;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    // Blank lines (a lone empty cell) are skipped, as spreadsheets leave them at the end.
    if (!(cells.length === 1 && cells[0] === "")) records.push(new Record(recordLine, cells));
    cells = [];
    cell = "";
  };
  while (i < text.length) {
    // Fast path: a whole line without quotes is just split on commas (most spreadsheet rows).
    if (!inQuotes && cell === "" && cells.length === 0) {
      const nl = text.indexOf("\n", i);
      const stop = nl < 0 ? text.length : nl;
      let line = text.slice(i, stop);
      if (!line.includes('"') && !line.slice(0, -1).includes("\r")) {
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if (line !== "") records.push(new Record(recordLine, line.split(",")));
        i = stop + 1;
        recordLine = ++lineNo;
        continue;
      }
    }
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (ch === "\n") lineNo++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === "") {
      inQuotes = true;
      quoteStartLine = lineNo;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      lineNo++;
      recordLine = lineNo;
    } else cell += ch;
    i++;
  }
  if (inQuotes) problems.push({ line: quoteStartLine, message: 'a quoted cell is never closed (missing ")' });
  if (cell !== "" || cells.length > 0) endRecord();
  return { records, problems };
}

/** A piece of a CSV file that ends on a record boundary, and the line it starts on. */
export interface CsvPiece {
  text: string;
  firstLine: number;
}

/**
 * Cuts a stream of CSV text into pieces of about `size` characters that each end at a line break
 * outside quotes, so every piece parses on its own (parseCsv(text, firstLine)) and a file of any
 * size is read in bounded memory. RFC 4180 doubles a quote inside a quoted cell, so a line break is
 * outside quotes exactly when the quotes before it are even in number. A file whose quotes never
 * close comes out as one last piece, where parseCsv reports the unclosed quote.
 *
 * Pieces are small (64 KB, about 1,500 check-ins) on purpose: everything parsed from a piece lives
 * until the piece is done, and a piece's worth of objects bigger than V8's young generation (what a
 * 1 MB piece gave) survived its collections and was copied into the old one, a gigabyte of it over a
 * million-row import and a quarter of the import's time in garbage collection.
 */
export async function* csvPieces(chunks: AsyncIterable<string>, size = 1 << 16): AsyncGenerator<CsvPiece> {
  let pending = "";
  let firstLine = 1;
  // Scan state over `pending`: how far it was scanned, the quote count's parity there.
  let scanned = 0,
    quotes = 0;
  const piece = (text: string): CsvPiece => {
    const p = { text, firstLine };
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) firstLine++;
    return p;
  };
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0; // where the next piece begins in `pending`
    for (let i = scanned; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c === 34) quotes ^= 1;
      else if (c === 10 && quotes === 0 && i + 1 - start >= size) {
        yield piece(pending.slice(start, i + 1));
        start = i + 1;
      }
    }
    pending = pending.slice(start);
    scanned = pending.length;
  }
  if (pending) yield piece(pending);
}

/** Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes text cells that a spreadsheet would run as formulas with `'` (OWASP CSV injection). */
export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Reverses escapeFormula on import so that export → import keeps the text a person wrote. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes rows; strings are formula-escaped, numbers are written as numbers. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const out = [header.map(quote).join(",")];
  for (const r of rows) out.push(r.map((c) => (c === null ? "" : typeof c === "number" ? String(c) : quote(escapeFormula(c)))).join(","));
  return out.join("\r\n") + "\r\n";
}
