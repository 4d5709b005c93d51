import { describe, expect, it } from "vitest";
import { csvPieces, escapeFormula, parseCsv, toCsv, unescapeFormula } from "../../src/io/csv.js";

describe("parseCsv", () => {
  it("handles a BOM, CRLF, quoted commas, escaped quotes and newlines inside quotes, with line numbers", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\r\n\r\n3,,\r\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.cells)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "two\nlines", "z"],
      ["3", "", ""],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });
  it("keeps Vietnamese text intact", () => {
    expect(parseCsv("t\nGiảm chu kỳ bán hàng từ 42 xuống 30 ngày\n").records[1]!.cells[0]).toBe("Giảm chu kỳ bán hàng từ 42 xuống 30 ngày");
  });
  it("reports an unterminated quote with its line", () => {
    expect(parseCsv('a,b\n1,"oops\n2,3\n').problems).toEqual([{ line: 2, message: 'a quoted cell is never closed (missing ")' }]);
  });
});

describe("csvPieces", () => {
  async function* inSlices(text: string, n: number): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += n) yield text.slice(i, i + n);
  }
  const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines\n""quoted"",\nmore",z\r\n\r\n3,,\n4,"",""\n5,"a""\nb",c\n6,x,y';

  it("cuts only between records: the pieces parse to the same records and line numbers as the whole", async () => {
    const whole = parseCsv(text).records;
    for (const size of [1, 2, 5, 9, 17, 40, 1000])
      for (const slice of [1, 3, 7, 64]) {
        const pieces = [];
        for await (const p of csvPieces(inSlices(text, slice), size)) pieces.push(p);
        if (size < 20 && slice < 8) expect(pieces.length).toBeGreaterThan(3);
        expect(pieces.map((p) => p.text).join("")).toBe(text);
        const records = pieces.flatMap((p) => {
          const parsed = parseCsv(p.text, p.firstLine);
          expect(parsed.problems).toEqual([]);
          return parsed.records;
        });
        expect(records).toEqual(whole);
      }
  });

  it("cuts one big chunk of the stream into pieces of about the size asked for", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `KR${i}.1,2026-10-01,${i},3,"note ${i}, quoted",Owner`).join("\n") + "\n";
    const pieces = [];
    for await (const p of csvPieces(inSlices(rows, rows.length), 1000)) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(20);
    // Each piece ends at the first line break at or past the size: under the size plus one line.
    for (const p of pieces) expect(p.text.length).toBeLessThan(1000 + 60);
    expect(pieces.map((p) => p.text).join("")).toBe(rows);
    expect(pieces.flatMap((p) => parseCsv(p.text, p.firstLine).records)).toEqual(parseCsv(rows).records);
  });

  it("leaves a quote that never closes to the last piece, where it is reported with its line", async () => {
    const pieces = [];
    for await (const p of csvPieces(inSlices('a,b\n1,2\n3,"oops\n4,5\n6,7\n', 2), 4)) pieces.push(p);
    const last = pieces.at(-1)!;
    expect(last.text.startsWith('3,"oops')).toBe(true);
    expect(parseCsv(last.text, last.firstLine).problems).toEqual([{ line: 3, message: 'a quoted cell is never closed (missing ")' }]);
  });
});

describe("formula escaping", () => {
  it("prefixes cells a spreadsheet would run and leaves the rest", () => {
    for (const bad of ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]) expect(escapeFormula(bad)).toBe(`'${bad}`);
    expect(escapeFormula("Reduce churn")).toBe("Reduce churn");
    expect(unescapeFormula("'=1+1")).toBe("=1+1");
    expect(unescapeFormula("'quoted")).toBe("'quoted");
  });
  it("toCsv escapes text cells, writes numbers plainly and quotes what needs it", () => {
    const csv = toCsv(["a", "b", "c"], [["=cmd|' /C calc'!A0", -5, "x, y"]]);
    expect(csv).toBe("a,b,c\r\n'=cmd|' /C calc'!A0,-5,\"x, y\"\r\n");
  });
});
